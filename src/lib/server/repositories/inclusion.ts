// Reads for the inclusion panel: members' self-declared profiles and who took part in which
// activity. Only ids and brackets leave here; the service aggregates before anything is shown.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { ballots, members, pollParticipation, polls } from '../db/schema';

export function createInclusionRepository(db: Executor) {
	return {
		async listProfiles(workshopId: string) {
			return db
				.select({
					memberId: members.id,
					userId: members.userId,
					role: members.role,
					gender: members.gender,
					ageBracket: members.ageBracket
				})
				.from(members)
				.where(and(eq(members.workshopId, workshopId), isNull(members.removedAt)));
		},
		/** Members who cast a ballot in any poll of the workshop, open (ballots) or secret (register). */
		async voterIds(workshopId: string): Promise<Set<string>> {
			const [open, secret] = await Promise.all([
				db
					.select({ memberId: ballots.memberId })
					.from(ballots)
					.innerJoin(polls, eq(polls.id, ballots.pollId))
					.where(eq(polls.workshopId, workshopId)),
				db
					.select({ memberId: pollParticipation.memberId })
					.from(pollParticipation)
					.innerJoin(polls, eq(polls.id, pollParticipation.pollId))
					.where(eq(polls.workshopId, workshopId))
			]);
			return new Set([...open, ...secret].map((r) => r.memberId));
		}
	};
}

export type InclusionRepository = ReturnType<typeof createInclusionRepository>;
