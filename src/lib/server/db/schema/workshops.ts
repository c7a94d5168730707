// Workshops (ateliers), who is in them and with which role, invitations, and the audit log.
import { sql } from 'drizzle-orm';
import {
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../domain/locales';
import { users } from './accounts';
import { MEMBER_ROLES, WORKSHOP_KINDS, WORKSHOP_STATUSES } from '../../../domain/workshop';
import { AGE_BRACKETS, GENDERS } from '../../../domain/profile';

export const workshops = pgTable('workshops', {
	id: uuid('id').primaryKey().defaultRandom(),
	code: text('code').notNull().unique(),
	title: text('title').notNull(),
	kind: text('kind', { enum: WORKSHOP_KINDS }).notNull(),
	commune: text('commune'),
	quartier: text('quartier'),
	startsAt: timestamp('starts_at', { withTimezone: true }),
	language: text('language').notNull().default('fr'),
	status: text('status', { enum: WORKSHOP_STATUSES }).notNull().default('draft'),
	/** The facilitator closes joining once the room is in: the code then lets no one else in. */
	joinOpen: boolean('join_open').notNull().default(true),
	createdBy: uuid('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const members = pgTable(
	'members',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		displayName: text('display_name').notNull(),
		role: text('role', { enum: MEMBER_ROLES }).notNull(),
		// Self-declared, optional, private: only ever read in aggregate (inclusion panel).
		gender: text('gender', { enum: GENDERS }),
		ageBracket: text('age_bracket', { enum: AGE_BRACKETS }),
		quartier: text('quartier'),
		// The language this member reads (chosen at join, changed on /langue); SMS replies use it.
		locale: text('locale', { enum: LOCALES }).notNull().default('fr'),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
		removedAt: timestamp('removed_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('members_workshop_user_key').on(t.workshopId, t.userId),
		index('members_workshop_idx').on(t.workshopId)
	]
);

export const invites = pgTable(
	'invites',
	{
		/** Hex SHA-256 of the token in the link. */
		id: text('id').primaryKey(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['facilitator', 'reviewer'] }).notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		maxUses: integer('max_uses').notNull().default(1),
		uses: integer('uses').notNull().default(0),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('invites_workshop_idx').on(t.workshopId)]
);

/** Append-only: the service layer never updates or deletes a row here. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'cascade' }),
		actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subject: text('subject'),
		data: jsonb('data')
			.notNull()
			.default(sql`'{}'::jsonb`),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('audit_log_workshop_idx').on(t.workshopId, t.at)]
);

export type WorkshopRow = typeof workshops.$inferSelect;
export type MemberRow = typeof members.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;
