// Guessing limits (join codes, passwords) and the addresses known for a workshop or an account,
// kept in the database so that a restart does not wipe a guesser's slate clean. With REDIS_URL
// set they live in Redis instead (src/lib/server/limits/redis-store.ts); this table then only
// holds the deployment id that keeps two deployments sharing one Redis apart.
import { bigint, doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';

export const guessLimits = pgTable(
	'guess_limits',
	{
		/** `fail:<scope>:<subject>` for failure scores, `known:<subject>:<address>` for known addresses. */
		key: text('key').primaryKey(),
		/** Failures, drained linearly (src/lib/domain/guess-limits.ts), as of `at`. */
		score: doublePrecision('score').notNull().default(0),
		/** Milliseconds since the epoch: the clock is the app's (tests inject one). */
		at: bigint('at', { mode: 'number' }).notNull(),
		blockedUntil: bigint('blocked_until', { mode: 'number' }).notNull().default(0),
		/** After this instant the row means nothing and may be deleted. */
		expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
		/** Only for the `deployment` row: its random id. */
		value: text('value')
	},
	(t) => [index('guess_limits_expires_idx').on(t.expiresAt)]
);

export type GuessLimitRow = typeof guessLimits.$inferSelect;
