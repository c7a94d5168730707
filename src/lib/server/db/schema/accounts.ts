// People and their sessions. A participant who joins by code is a `guest` user with no e-mail and
// no password, so every session, membership and audit row points at one kind of thing.
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind', { enum: ['account', 'guest'] }).notNull(),
		/** Stored lower-cased; null for guests. */
		email: text('email'),
		name: text('name').notNull(),
		passwordHash: text('password_hash'),
		isAdmin: boolean('is_admin').notNull().default(false),
		/** Set by an operator (`user:disable`): no sign-in, no session, live connections closed. */
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('users_email_key')
			.on(t.email)
			.where(sql`${t.email} is not null`)
	]
);

export const sessions = pgTable(
	'sessions',
	{
		/** Hex SHA-256 of the cookie token: a leaked table does not yield usable cookies. */
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
