// Reads for the inclusion panel: members' self-declared profiles and who took part in which
// activity. Only ids and brackets leave here; the service aggregates before anything is shown.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	ballots,
	documentContributors,
	documents,
	members,
	pollParticipation,
	polls
} from '../db/schema';

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
		},
		/** Once per (document, member): a second call is a no-op, never an error. */
		async recordContributor(documentId: string, memberId: string) {
			await db.insert(documentContributors).values({ documentId, memberId }).onConflictDoNothing();
		},
		/** Members who wrote in any document of the workshop (see document_contributors). */
		async writerIds(workshopId: string): Promise<Set<string>> {
			const rows = await db
				.select({ memberId: documentContributors.memberId })
				.from(documentContributors)
				.innerJoin(documents, eq(documents.id, documentContributors.documentId))
				.where(eq(documents.workshopId, workshopId));
			return new Set(rows.map((r) => r.memberId));
		}
	};
}

export type InclusionRepository = ReturnType<typeof createInclusionRepository>;
