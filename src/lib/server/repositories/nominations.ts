// Nomination proposals (names put forward with a reason) and what the vote phase needs to know of
// the members' quartiers: the queries of services/nominations.ts, spread into the polls repository
// so a shortlist, its options and its audit line commit in one transaction.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { members, nominationProposals, pollOptions, polls } from '../db/schema';
import type { PollOption, PollSettings } from '../../domain/poll-types';
import type { MemberRole } from '../../domain/workshop';
import { eligibleVoters } from './poll-ballots';

export interface ProposalRecord {
	id: string;
	name: string;
	reason: string;
	quartier: string | null;
	proposedBy: string | null;
	proposerName: string | null;
	mergedInto: string | null;
	shortlisted: boolean;
	createdAt: Date;
}

export function nominationQueries(db: Executor) {
	return {
		async listProposals(pollId: string): Promise<ProposalRecord[]> {
			const p = nominationProposals;
			const rows = await db
				.select({
					id: p.id,
					name: p.name,
					reason: p.reason,
					quartier: p.quartier,
					proposedBy: p.proposedBy,
					proposerName: members.displayName,
					mergedInto: p.mergedInto,
					shortlisted: p.shortlisted,
					createdAt: p.createdAt
				})
				.from(p)
				.leftJoin(members, eq(members.id, p.proposedBy))
				.where(eq(p.pollId, pollId))
				.orderBy(asc(p.createdAt), asc(p.id));
			return rows.map((r) => ({ ...r, shortlisted: r.shortlisted > 0 }));
		},
		async insertProposal(row: {
			pollId: string;
			name: string;
			reason: string;
			quartier: string | null;
			proposedBy: string;
		}) {
			const [inserted] = await db.insert(nominationProposals).values(row).returning();
			return inserted;
		},
		async setMergedInto(pollId: string, ids: string[], intoId: string) {
			if (ids.length === 0) return;
			await db
				.update(nominationProposals)
				.set({ mergedInto: intoId })
				.where(and(eq(nominationProposals.pollId, pollId), inArray(nominationProposals.id, ids)));
		},
		async markShortlisted(pollId: string, ids: string[]) {
			if (ids.length === 0) return;
			await db
				.update(nominationProposals)
				.set({ shortlisted: 1 })
				.where(and(eq(nominationProposals.pollId, pollId), inArray(nominationProposals.id, ids)));
		},
		/** The vote phase begins: the shortlist becomes the poll's options, the phase moves on. */
		async startVotePhase(
			pollId: string,
			settings: PollSettings,
			options: { label: string; quartier?: string }[],
			at: Date
		): Promise<PollOption[]> {
			await db.update(polls).set({ settings, updatedAt: at }).where(eq(polls.id, pollId));
			const inserted = await db
				.insert(pollOptions)
				.values(
					options.map((o, position) => ({
						pollId,
						position,
						label: o.label,
						quartier: o.quartier ?? null
					}))
				)
				.returning();
			return inserted
				.sort((a, b) => a.position - b.position)
				.map((o) => ({
					id: o.id,
					label: o.label,
					...(o.quartier ? { quartier: o.quartier } : {})
				}));
		},
		async memberQuartier(memberId: string): Promise<string | null> {
			const [row] = await db
				.select({ quartier: members.quartier })
				.from(members)
				.where(eq(members.id, memberId));
			return row?.quartier ?? null;
		},
		/** The declared quartier of every current member who may vote (null when undeclared). */
		async eligibleQuartiers(workshopId: string, roles: MemberRole[]): Promise<(string | null)[]> {
			if (roles.length === 0) return [];
			const rows = await db
				.select({ quartier: members.quartier })
				.from(members)
				.where(eligibleVoters(workshopId, roles));
			return rows.map((r) => r.quartier);
		}
	};
}
