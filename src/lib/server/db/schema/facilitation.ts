// Live facilitation state that must survive a restart: the speaking queue of each workshop (the
// domain's plain JSON, like the agenda timer) and one row per finished turn, for speaking times.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members, workshops } from './workshops';
import type { SpeakingQueueState } from '../../../domain/speaking-queue';

/** One row per workshop whose queue was ever touched; locked (`for update`) by every change. */
export const speakingQueues = pgTable('speaking_queues', {
	workshopId: uuid('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	state: jsonb('state')
		.$type<SpeakingQueueState>()
		.notNull()
		.default(sql`'{"waiting":[],"current":null,"speakers":{},"firstTimersFirst":false}'::jsonb`),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** Append-only: each turn as it ended (the queue state only keeps running totals). */
export const speakingTurns = pgTable(
	'speaking_turns',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
		endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
		durationMs: integer('duration_ms').notNull()
	},
	(t) => [index('speaking_turns_workshop_idx').on(t.workshopId, t.startedAt)]
);

export type SpeakingQueueRow = typeof speakingQueues.$inferSelect;
export type SpeakingTurnRow = typeof speakingTurns.$inferSelect;
