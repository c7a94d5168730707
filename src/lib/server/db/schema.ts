// THE schema: one entry point for drizzle-kit and the query builder. Tables are grouped by concern
// in ./schema/* so that each area can be read (and changed) on its own.
export * from './schema/accounts';
export * from './schema/workshops';
export * from './schema/collab';
export * from './schema/agenda';
export * from './schema/polls';
export * from './schema/facilitation';
export * from './schema/documents';
export * from './schema/plans';
export * from './schema/wall';
export * from './schema/contributions';
export * from './schema/limits';
export * from './schema/charter';
export * from './schema/opinion';
export * from './schema/sms';
export * from './schema/tables';
