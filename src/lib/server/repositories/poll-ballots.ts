// Ballots, the participation register and the members they belong to: the queries of the ballot
// batch (see services/ballot-box.ts), spread into the polls repository.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { ballots, members, pollParticipation, secretBallots } from '../db/schema';
import type { BallotChannel, NormalizedChoice } from '../../domain/poll-types';
import type { MemberRole } from '../../domain/workshop';

/** A member's ballot as the register or the open ballot table knows it. */
export interface CastRecord {
	pollId: string;
	memberId: string;
	ballotId: string;
	/** Open ballots only: secret ones cannot be read back per member. */
	choice?: NormalizedChoice;
}

/** Who may vote in a workshop's poll: its current members whose role the poll lets vote. */
export const eligibleVoters = (workshopId: string, roles: MemberRole[]) =>
	and(eq(members.workshopId, workshopId), isNull(members.removedAt), inArray(members.role, roles));

export function ballotQueries(db: Executor) {
	return {
		/** Every stored choice of a poll, to rebuild its in-memory tally. */
		async loadChoices(pollId: string, secret: boolean): Promise<NormalizedChoice[]> {
			const table = secret ? secretBallots : ballots;
			const rows = await db
				.select({ choice: table.choice })
				.from(table)
				.where(eq(table.pollId, pollId));
			return rows.map((r) => r.choice);
		},
		/**
		 * What the batch needs to classify its ballots: the earlier ballots in this poll of the
		 * members behind `userIds`. By user, not member, so that it needs nothing read before it
		 * and goes to the database with the batch's other reads in one round trip.
		 */
		async findCast(
			pollId: string,
			secret: boolean,
			workshopId: string,
			userIds: string[]
		): Promise<CastRecord[]> {
			const ofUsers = and(eq(members.workshopId, workshopId), inArray(members.userId, userIds));
			if (secret) {
				const t = pollParticipation;
				return db
					.select({ pollId: t.pollId, memberId: t.memberId, ballotId: t.ballotId })
					.from(t)
					.innerJoin(members, eq(members.id, t.memberId))
					.where(and(eq(t.pollId, pollId), ofUsers));
			}
			const t = ballots;
			return db
				.select({ pollId: t.pollId, memberId: t.memberId, ballotId: t.ballotId, choice: t.choice })
				.from(t)
				.innerJoin(members, eq(members.id, t.memberId))
				.where(and(eq(t.pollId, pollId), ofUsers));
		},
		/**
		 * Ballots per channel. A secret poll's come from its register (who took part, and how):
		 * its ballots themselves say nothing of how they came.
		 */
		async channelCounts(
			pollId: string,
			secret: boolean
		): Promise<Partial<Record<BallotChannel, number>>> {
			const t = secret ? pollParticipation : ballots;
			const rows = await db
				.select({ channel: t.channel, n: sql<number>`count(*)::int` })
				.from(t)
				.where(eq(t.pollId, pollId))
				.groupBy(t.channel);
			return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
		},
		/** A replacement must not take a ballotId already used elsewhere (the update would fail). */
		async ballotIdTaken(ballotId: string): Promise<boolean> {
			const rows = await db
				.select({ id: ballots.ballotId })
				.from(ballots)
				.where(eq(ballots.ballotId, ballotId));
			return rows.length > 0;
		},
		/**
		 * Returns the members whose row went in; a concurrent writer's row makes it skip, not fail.
		 * The batch travels as one JSON parameter: bound one value at a time, 500 ballots were
		 * 2,000 parameters for drizzle and postgres.js to build and for the server to parse,
		 * ~10% of the server's CPU in a 5,000-phone burst (docs/performance.md).
		 */
		async insertOpenBallots(
			rows: {
				pollId: string;
				memberId: string;
				ballotId: string;
				choice: NormalizedChoice;
				channel: BallotChannel;
			}[]
		): Promise<Set<string>> {
			if (rows.length === 0) return new Set();
			const json = JSON.stringify(
				rows.map((r) => ({ p: r.pollId, m: r.memberId, b: r.ballotId, c: r.choice, k: r.channel }))
			);
			// Every column, in the table's order: an insert from a select takes no defaults.
			const inserted = await db
				.insert(ballots)
				.select(
					sql`select t.p, t.m, t.b, t.c, now(), now(), t.k
						from json_to_recordset(${json}::json) as t(p uuid, m uuid, b uuid, c jsonb, k text)`
				)
				.onConflictDoNothing()
				.returning({ memberId: ballots.memberId });
			return new Set(inserted.map((r) => r.memberId));
		},
		async replaceOpenBallot(
			pollId: string,
			memberId: string,
			ballotId: string,
			choice: NormalizedChoice,
			at: Date
		) {
			await db
				.update(ballots)
				.set({ ballotId, choice, updatedAt: at })
				.where(and(eq(ballots.pollId, pollId), eq(ballots.memberId, memberId)));
		},
		async insertRegister(
			rows: { pollId: string; memberId: string; ballotId: string; channel: BallotChannel }[]
		): Promise<Set<string>> {
			if (rows.length === 0) return new Set();
			const json = JSON.stringify(
				rows.map((r) => ({ p: r.pollId, m: r.memberId, b: r.ballotId, k: r.channel }))
			);
			const inserted = await db
				.insert(pollParticipation)
				.select(
					sql`select t.p, t.m, t.b, t.k
						from json_to_recordset(${json}::json) as t(p uuid, m uuid, b uuid, k text)`
				)
				.onConflictDoNothing()
				.returning({ memberId: pollParticipation.memberId });
			return new Set(inserted.map((r) => r.memberId));
		},
		async insertSecretBallots(pollId: string, choices: NormalizedChoice[]) {
			if (choices.length === 0) return;
			// In the order given (already shuffled by the ballot box), with a random id each.
			await db.insert(secretBallots).select(
				sql`select gen_random_uuid(), ${pollId}::uuid, t.value::jsonb
						from json_array_elements(${JSON.stringify(choices)}::json) with ordinality as t(value, n)
						order by t.n`
			);
		},
		/** The polls (among `pollIds`) in which this member has a ballot. */
		async votedIn(memberId: string, pollIds: string[]): Promise<Set<string>> {
			if (pollIds.length === 0) return new Set();
			const [open, secret] = await Promise.all([
				db
					.select({ pollId: ballots.pollId })
					.from(ballots)
					.where(and(eq(ballots.memberId, memberId), inArray(ballots.pollId, pollIds))),
				db
					.select({ pollId: pollParticipation.pollId })
					.from(pollParticipation)
					.where(
						and(
							eq(pollParticipation.memberId, memberId),
							inArray(pollParticipation.pollId, pollIds)
						)
					)
			]);
			return new Set([...open, ...secret].map((r) => r.pollId));
		},
		/** The current (not removed) members among `userIds`, by user id. */
		async findMembers(
			workshopId: string,
			userIds: string[]
		): Promise<Map<string, { id: string; role: MemberRole; quartier: string | null }>> {
			const rows = await db
				.select({
					id: members.id,
					userId: members.userId,
					role: members.role,
					quartier: members.quartier
				})
				.from(members)
				.where(
					and(
						eq(members.workshopId, workshopId),
						inArray(members.userId, userIds),
						isNull(members.removedAt)
					)
				);
			return new Map(rows.map((r) => [r.userId, { id: r.id, role: r.role, quartier: r.quartier }]));
		},
		async eligibleCount(workshopId: string, roles: MemberRole[]): Promise<number> {
			if (roles.length === 0) return 0;
			const [row] = await db
				.select({ n: sql<number>`count(*)::int` })
				.from(members)
				.where(eligibleVoters(workshopId, roles));
			return row?.n ?? 0;
		},
		/** Current members whose role may vote: the "50" of "37 / 50", and the quorum's basis. */
		async eligibleUserIds(workshopId: string, roles: MemberRole[]): Promise<string[]> {
			if (roles.length === 0) return [];
			const rows = await db
				.select({ userId: members.userId })
				.from(members)
				.where(eligibleVoters(workshopId, roles));
			return rows.map((r) => r.userId);
		}
	};
}
