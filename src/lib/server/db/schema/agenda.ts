// The ordre du jour of each workshop and its run state (current round and its clock). The timer is
// stored as the domain's plain JSON, so a restarted server resumes every round where it was.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workshops } from './workshops';
import { ROUND_KINDS, type LinkType } from '../../../domain/agenda';
import type { TimerState } from '../../../domain/timer-state';

export const agendaItems = pgTable(
	'agenda_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		/** 0-based order; the whole list is rewritten on each PUT, so no gaps to maintain. */
		position: integer('position').notNull(),
		title: text('title').notNull(),
		kind: text('kind', { enum: ROUND_KINDS }).notNull(),
		durationSeconds: integer('duration_seconds').notNull(),
		linked: jsonb('linked').$type<{ type: LinkType; id: string }>(),
		instructions: text('instructions'),
		onEnd: jsonb('on_end').$type<{ lockDocument?: boolean; closePoll?: boolean }>()
	},
	(t) => [index('agenda_items_workshop_idx').on(t.workshopId, t.position)]
);

/** One row per workshop that has ever had an agenda; locked (`for update`) by every command. */
export const agendaRuns = pgTable('agenda_runs', {
	workshopId: uuid('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	currentIndex: integer('current_index').notNull().default(0),
	timer: jsonb('timer')
		.$type<TimerState>()
		.notNull()
		.default(sql`'{"state":"idle"}'::jsonb`),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type AgendaRunRow = typeof agendaRuns.$inferSelect;
