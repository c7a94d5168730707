// Agenda rounds, the run cursor and their audit lines. `transaction` hands the callback a
// repository bound to the transaction, so a command's read, write and audit commit together.
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { insertAuditEntry, transactional, type AuditEntryInput } from './transactional';
import { agendaItems, agendaRuns } from '../db/schema';
import type { AgendaCursor, AgendaItem } from '../../domain/agenda';
import { timerStateSchema, type TimerState } from '../../domain/timer-state';

function toItem(row: typeof agendaItems.$inferSelect): AgendaItem {
	return {
		id: row.id,
		title: row.title,
		kind: row.kind,
		durationSeconds: row.durationSeconds,
		...(row.linked ? { linked: row.linked } : {}),
		...(row.instructions ? { instructions: row.instructions } : {}),
		...(row.onEnd ? { onEnd: row.onEnd } : {})
	};
}

/** A corrupted timer fails loudly here rather than counting a wrong time on every phone. */
function toTimer(value: unknown): TimerState {
	return timerStateSchema.parse(value);
}

function agendaQueries(db: Executor) {
	return {
		async listItems(workshopId: string): Promise<AgendaItem[]> {
			const rows = await db
				.select()
				.from(agendaItems)
				.where(eq(agendaItems.workshopId, workshopId))
				.orderBy(asc(agendaItems.position));
			return rows.map(toItem);
		},
		async replaceItems(workshopId: string, items: readonly AgendaItem[]) {
			await db.delete(agendaItems).where(eq(agendaItems.workshopId, workshopId));
			if (items.length === 0) return;
			await db.insert(agendaItems).values(
				items.map((item, position) => ({
					id: item.id,
					workshopId,
					position,
					title: item.title,
					kind: item.kind,
					durationSeconds: item.durationSeconds,
					linked: item.linked ?? null,
					instructions: item.instructions ?? null,
					onEnd: item.onEnd ?? null
				}))
			);
		},
		async findCursor(workshopId: string): Promise<AgendaCursor | null> {
			const [row] = await db.select().from(agendaRuns).where(eq(agendaRuns.workshopId, workshopId));
			return row ? { index: row.currentIndex, timer: toTimer(row.timer) } : null;
		},
		/**
		 * Creates the run row if needed and locks it until the transaction ends, so two facilitators
		 * pressing "next" at once move the agenda by two rounds, not by one twice over the same state.
		 */
		async lockCursor(workshopId: string): Promise<AgendaCursor> {
			await db.insert(agendaRuns).values({ workshopId }).onConflictDoNothing();
			const [row] = await db
				.select()
				.from(agendaRuns)
				.where(eq(agendaRuns.workshopId, workshopId))
				.for('update');
			if (!row) throw new Error(`agenda run row missing for ${workshopId}`);
			return { index: row.currentIndex, timer: toTimer(row.timer) };
		},
		async saveCursor(workshopId: string, cursor: AgendaCursor, at: Date) {
			await db
				.update(agendaRuns)
				.set({ currentIndex: cursor.index, timer: cursor.timer, updatedAt: at })
				.where(eq(agendaRuns.workshopId, workshopId));
		},
		/** Every clock still running, whatever its end: restored (or settled) at startup. */
		async listRunning(): Promise<Array<{ workshopId: string; timer: TimerState }>> {
			const rows = await db
				.select({ workshopId: agendaRuns.workshopId, timer: agendaRuns.timer })
				.from(agendaRuns)
				.where(sql`${agendaRuns.timer}->>'state' = 'running'`);
			return rows.map((r) => ({ workshopId: r.workshopId, timer: toTimer(r.timer) }));
		},
		appendAudit(entry: AuditEntryInput) {
			return insertAuditEntry(db, entry);
		}
	};
}

export type AgendaQueries = ReturnType<typeof agendaQueries>;

export function createAgendaRepository(db: Executor) {
	return transactional(db, agendaQueries);
}

export type AgendaRepository = ReturnType<typeof createAgendaRepository>;
