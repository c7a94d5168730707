// One phone per table (docs/table-mode.md): a table is a relay's shared device and the members
// registered on it. The relay acts for them (casts their ballot, raises their hand, posts their
// card); nothing here is ever written on a ballot row.
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members, workshops } from './workshops';

export const workshopTables = pgTable(
	'workshop_tables',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** « Table 3 ». */
		name: text('name').notNull(),
		/** The member whose device is shared: a facilitator, or a participant trusted as relay. */
		relayMemberId: uuid('relay_member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('workshop_tables_workshop_idx').on(t.workshopId),
		index('workshop_tables_relay_idx').on(t.relayMemberId)
	]
);

/** Who is registered on a table's device; a member sits at one table at most. */
export const tableMembers = pgTable(
	'table_members',
	{
		tableId: uuid('table_id')
			.notNull()
			.references(() => workshopTables.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.unique()
			.references(() => members.id, { onDelete: 'cascade' }),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.tableId, t.memberId] })]
);

export type WorkshopTableRow = typeof workshopTables.$inferSelect;
