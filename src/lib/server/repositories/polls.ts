// Polls, options, ballots (open and secret), room counts and their audit lines. `transaction`
// hands the callback queries bound to the transaction, so a batch of ballots commits as one.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { insertAuditEntry, transactional, type AuditEntryInput } from './transactional';
import { pollOptions, pollRoomCounts, polls, type PollRow } from '../db/schema';
import type { ConsentKey, PollOption } from '../../domain/poll-types';
import type { PollState } from '../../domain/poll-state';
import { ballotQueries } from './poll-ballots';
import { nominationQueries } from './nominations';

export type { CastRecord } from './poll-ballots';

export type NewPoll = typeof polls.$inferInsert;

function toOption(row: typeof pollOptions.$inferSelect): PollOption {
	return {
		id: row.id,
		label: row.label,
		...(row.consent ? { consent: row.consent } : {}),
		...(row.quartier ? { quartier: row.quartier } : {})
	};
}

function pollQueries(db: Executor) {
	return {
		...ballotQueries(db),
		...nominationQueries(db),
		async insertPoll(
			poll: NewPoll,
			options: { label: string; consent?: ConsentKey; quartier?: string }[]
		): Promise<{ poll: PollRow; options: PollOption[] }> {
			const [row] = await db.insert(polls).values(poll).returning();
			const inserted = options.length
				? await db
						.insert(pollOptions)
						.values(
							options.map((o, position) => ({
								pollId: row.id,
								position,
								label: o.label,
								consent: o.consent ?? null,
								quartier: o.quartier ?? null
							}))
						)
						.returning()
				: [];
			inserted.sort((a, b) => a.position - b.position);
			return { poll: row, options: inserted.map(toOption) };
		},
		async findPoll(pollId: string): Promise<PollRow | null> {
			const [row] = await db.select().from(polls).where(eq(polls.id, pollId));
			return row ?? null;
		},
		async listPolls(workshopId: string): Promise<PollRow[]> {
			return db
				.select()
				.from(polls)
				.where(eq(polls.workshopId, workshopId))
				.orderBy(asc(polls.createdAt));
		},
		async listOptions(pollId: string): Promise<PollOption[]> {
			const rows = await db
				.select()
				.from(pollOptions)
				.where(eq(pollOptions.pollId, pollId))
				.orderBy(asc(pollOptions.position));
			return rows.map(toOption);
		},
		/** Serialises transitions of one poll (open, close, the countdown) against each other. */
		async lockPoll(pollId: string): Promise<PollRow | null> {
			const [row] = await db.select().from(polls).where(eq(polls.id, pollId)).for('update');
			return row ?? null;
		},
		/**
		 * Ballot batches read the polls' status under a share lock: a close waits for the batch to
		 * commit, and a batch that comes after the close sees it, so no ballot lands in a closed poll.
		 */
		async sharePolls(pollIds: string[]): Promise<Map<string, PollState>> {
			const rows = await db
				.select({ id: polls.id, state: polls.state })
				.from(polls)
				.where(inArray(polls.id, pollIds))
				.for('share');
			return new Map(rows.map((r) => [r.id, r.state]));
		},
		async saveState(pollId: string, state: PollState, at: Date, closesInSeconds?: number | null) {
			await db
				.update(polls)
				.set({
					state,
					updatedAt: at,
					...(closesInSeconds !== undefined ? { closesInSeconds } : {})
				})
				.where(eq(polls.id, pollId));
		},
		async listRoomCounts(pollId: string) {
			return db
				.select()
				.from(pollRoomCounts)
				.where(eq(pollRoomCounts.pollId, pollId))
				.orderBy(asc(pollRoomCounts.createdAt));
		},
		async insertRoomCount(row: typeof pollRoomCounts.$inferInsert) {
			const [inserted] = await db.insert(pollRoomCounts).values(row).returning();
			return inserted;
		},
		/** Open polls with a countdown: re-armed (or closed at once) when the server starts. */
		async listCountdowns(): Promise<Array<{ id: string; state: PollState }>> {
			return db
				.select({ id: polls.id, state: polls.state })
				.from(polls)
				.where(sql`${polls.state}->>'status' = 'open' and ${polls.state}->>'closesAt' is not null`);
		},
		appendAudit(entry: AuditEntryInput) {
			return insertAuditEntry(db, entry);
		}
	};
}

export type PollQueries = ReturnType<typeof pollQueries>;

export function createPollsRepository(db: Executor) {
	return transactional(db, pollQueries);
}

export type PollsRepository = ReturnType<typeof createPollsRepository>;
