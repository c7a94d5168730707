// The speaking queue's stored state and its finished turns. `transaction` hands the callback
// queries bound to the transaction, so a change, its turn record and its audit line commit together.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client';
import { insertAuditEntry, transactional, type AuditEntryInput } from './transactional';
import { members, speakingQueues, speakingTurns } from '../db/schema';
import {
	emptyQueue,
	type FinishedTurn,
	type SpeakingQueueState
} from '../../domain/speaking-queue';

const ms = z.number().int().nonnegative();

/** A corrupted row fails loudly here instead of showing a wrong queue to the whole room. */
const stateSchema = z.object({
	waiting: z.array(z.object({ memberId: z.string(), raisedAt: ms })),
	current: z.object({ memberId: z.string(), startedAt: ms }).nullable(),
	speakers: z.record(z.string(), z.object({ turns: ms, spokenMs: ms })),
	firstTimersFirst: z.boolean()
});

function queueQueries(db: Executor) {
	return {
		async find(workshopId: string): Promise<SpeakingQueueState> {
			const [row] = await db
				.select({ state: speakingQueues.state })
				.from(speakingQueues)
				.where(eq(speakingQueues.workshopId, workshopId));
			return row ? stateSchema.parse(row.state) : emptyQueue();
		},
		/** Creates the row if needed and locks it: two clicks at once apply one after the other. */
		async lock(workshopId: string): Promise<SpeakingQueueState> {
			await db.insert(speakingQueues).values({ workshopId }).onConflictDoNothing();
			const [row] = await db
				.select({ state: speakingQueues.state })
				.from(speakingQueues)
				.where(eq(speakingQueues.workshopId, workshopId))
				.for('update');
			if (!row) throw new Error(`speaking queue row missing for ${workshopId}`);
			return stateSchema.parse(row.state);
		},
		async save(workshopId: string, state: SpeakingQueueState, at: Date) {
			await db
				.update(speakingQueues)
				.set({ state, updatedAt: at })
				.where(eq(speakingQueues.workshopId, workshopId));
		},
		async recordTurn(workshopId: string, turn: FinishedTurn) {
			await db.insert(speakingTurns).values({
				workshopId,
				memberId: turn.memberId,
				startedAt: new Date(turn.startedAt),
				endedAt: new Date(turn.endedAt),
				durationMs: Math.min(turn.durationMs, 2 ** 31 - 1)
			});
		},
		/** Display names of the given members still in the workshop (removed ones are left out). */
		async names(workshopId: string, memberIds: string[]): Promise<Map<string, string>> {
			if (memberIds.length === 0) return new Map();
			const rows = await db
				.select({ id: members.id, displayName: members.displayName })
				.from(members)
				.where(
					and(
						eq(members.workshopId, workshopId),
						inArray(members.id, memberIds),
						isNull(members.removedAt)
					)
				);
			return new Map(rows.map((r) => [r.id, r.displayName]));
		},
		async listTurns(workshopId: string) {
			return db
				.select()
				.from(speakingTurns)
				.where(eq(speakingTurns.workshopId, workshopId))
				.orderBy(asc(speakingTurns.startedAt));
		},
		appendAudit(entry: AuditEntryInput) {
			return insertAuditEntry(db, entry);
		}
	};
}

export type SpeakingQueueQueries = ReturnType<typeof queueQueries>;

export function createSpeakingQueueRepository(db: Executor) {
	return transactional(db, queueQueries);
}

export type SpeakingQueueRepository = ReturnType<typeof createSpeakingQueueRepository>;
