// The proposal phase of a nomination: members put names forward with a reason, facilitators
// merge duplicates and shortlist; the shortlist becomes the poll's options and the poll moves to
// its vote phase, from where it runs like any other poll. Every step is checked under the poll's
// row lock (a proposal cannot slip in after the shortlist) and audited in the same transaction.
import { z } from 'zod';
import type { User } from '../repositories/users';
import type { PollsRepository } from '../repositories/polls';
import type { ProposalRecord } from '../repositories/nominations';
import {
	candidates,
	canonicalQuartier,
	checkCanPropose,
	createProposal,
	mergeProposals,
	shortlistToOptions,
	suggestDuplicates,
	type NominationErrorCode,
	type Proposal
} from '../../domain/nomination';
import { MAX_OPTIONS } from '../../domain/poll-schemas';
import { proposalSchema } from '../../domain/nomination-schemas';
import type { PollConfig } from '../../domain/poll-types';
import type { NominationBoard, ProposalView } from '../../protocol/nominations';
import type { AppEvents } from './app-events';
import type { PollAccess } from './poll-access';
import type { PollCache, PollEntry } from './poll-cache';
import { allows } from '../../domain/permissions';
import { ServiceError } from './service-error';
import { rejectControlCharacters } from './validate';

/** Enough for a quartier's honest suggestions, too few to flood the facilitators' list. */
export const MAX_PROPOSALS_PER_MEMBER = 5;
const mergeSchema = z.object({
	fromId: z.uuid('proposal_not_found'),
	intoId: z.uuid('proposal_not_found')
});
const shortlistSchema = z.object({
	proposalIds: z
		.array(z.uuid('proposal_not_found'), 'shortlist_too_short')
		.min(1, 'shortlist_too_short')
		.max(MAX_OPTIONS, 'shortlist_too_long')
});

function invalid(error: z.ZodError): ServiceError {
	const issue = error.issues[0];
	const reason = issue?.message ?? 'proposal_invalid_input';
	const field = issue?.path.map(String).join('.') || 'body';
	if (reason === 'proposal_not_found') return refusal('proposal_not_found', field);
	return new ServiceError('poll_invalid', { field, params: { reason } });
}

/** A domain refusal as the wire error with its status. */
function refusal(code: NominationErrorCode, field?: string): ServiceError {
	const details = { ...(field ? { field } : {}), params: { reason: code } };
	switch (code) {
		case 'proposal_not_found':
			return new ServiceError('not_found', details);
		case 'proposal_already_merged':
		case 'nomination_not_proposal_phase':
			return new ServiceError('poll_state_conflict', details);
		default:
			return new ServiceError('poll_invalid', details);
	}
}

const toProposal = (r: ProposalRecord): Proposal => ({
	id: r.id,
	name: r.name,
	reason: r.reason,
	proposerId: r.proposedBy ?? '',
	quartier: r.quartier,
	mergedInto: r.mergedInto
});

function view(r: ProposalRecord, facilitator: boolean): ProposalView {
	return {
		id: r.id,
		name: r.name,
		reason: r.reason,
		quartier: r.quartier,
		mergedInto: r.mergedInto,
		shortlisted: r.shortlisted,
		createdAt: r.createdAt.getTime(),
		...(facilitator ? { proposerName: r.proposerName } : {})
	};
}

export function createNominations(deps: {
	repo: PollsRepository;
	access: PollAccess;
	cache: PollCache;
	events: AppEvents;
	now: () => number;
	/** The poll service's own notice of a changed poll (broadcast, countdown). */
	changed: (entry: PollEntry) => void;
}) {
	const { repo, access, cache, events, now } = deps;

	async function nominationOf(pollId: string) {
		const entry = await access.entryOf(pollId);
		// Not a nomination: it has no proposals, as if the poll were unknown here.
		if (entry.config.method !== 'nomination') throw new ServiceError('poll_not_found');
		return entry;
	}

	function board(
		entry: PollEntry,
		records: ProposalRecord[],
		memberId: string | null,
		facilitator: boolean,
		myQuartier: string | null
	): NominationBoard {
		const nomination = entry.config.settings.nomination!;
		const proposals = records.map(toProposal);
		return {
			pollId: entry.row.id,
			phase: nomination.phase,
			scope: nomination.scope,
			count: records.length,
			limit: MAX_PROPOSALS_PER_MEMBER,
			mine: records.filter((r) => r.proposedBy === memberId).map((r) => view(r, facilitator)),
			myQuartier,
			...(facilitator
				? {
						proposals: records.map((r) => view(r, true)),
						candidates: candidates(proposals),
						duplicates: suggestDuplicates(proposals)
					}
				: {})
		};
	}

	function notify(entry: PollEntry) {
		events.emit('nomination.changed', { workshopId: entry.row.workshopId, pollId: entry.row.id });
	}

	/** Locks the poll and checks it still collects proposals; the settings as locked. */
	async function lockProposalPhase(
		tx: Parameters<Parameters<PollsRepository['transaction']>[0]>[0],
		pollId: string
	) {
		const row = await tx.lockPoll(pollId);
		if (!row) throw new ServiceError('poll_not_found');
		const config: PollConfig = { method: row.method, settings: row.settings };
		const can = checkCanPropose(config);
		if (!can.ok) throw refusal(can.code);
		return row;
	}

	/** Facilitators get every proposal and the suggested duplicates; others their own. */
	async function proposals(user: User | null, pollId: string): Promise<NominationBoard> {
		const entry = await nominationOf(pollId);
		// A nomination is visible to the room from its proposal phase on.
		const member = await access.member(user, entry, 'poll.read', { visible: true });
		const records = await repo.listProposals(pollId);
		// Moderators see who proposed whom (the permission table's `nomination.moderate`).
		const moderator = allows(member.role, 'nomination.moderate');
		return board(entry, records, member.id, moderator, member.quartier);
	}

	return {
		/** Members of an eligible role, during the proposal phase. Answers the stored proposal. */
		async propose(user: User | null, pollId: string, input: unknown): Promise<ProposalView> {
			const entry = await nominationOf(pollId);
			const member = await access.member(user, entry, 'nomination.propose', {
				eligibleRoles: entry.config.settings.eligibleRoles
			});
			rejectControlCharacters(input);
			const parsed = proposalSchema.safeParse(input ?? {});
			if (!parsed.success) throw invalid(parsed.error);
			const record = await repo.transaction(async (tx) => {
				const row = await lockProposalPhase(tx, pollId);
				const existing = await tx.listProposals(pollId);
				if (existing.filter((p) => p.proposedBy === member.id).length >= MAX_PROPOSALS_PER_MEMBER)
					throw new ServiceError('poll_invalid', {
						params: { reason: 'proposal_limit', max: MAX_PROPOSALS_PER_MEMBER }
					});
				// A member's own quartier unless they name another; spelled as it already is.
				const asked = parsed.data.quartier?.trim() ? parsed.data.quartier : member.quartier;
				const quartier = canonicalQuartier(asked, [
					...existing.map((p) => p.quartier),
					member.quartier
				]);
				if (row.settings.nomination?.scope === 'quartier' && quartier === null)
					throw new ServiceError('poll_invalid', {
						field: 'quartier',
						params: { reason: 'proposal_quartier_required' }
					});
				const made = createProposal({
					id: '',
					name: parsed.data.name,
					reason: parsed.data.reason ?? '',
					proposerId: member.id,
					quartier
				});
				if (!made.ok) throw refusal(made.code, 'name');
				const inserted = await tx.insertProposal({
					pollId,
					name: made.proposal.name,
					reason: made.proposal.reason,
					quartier: made.proposal.quartier,
					proposedBy: member.id
				});
				await tx.appendAudit({
					workshopId: row.workshopId,
					actor: user!.id,
					action: 'nomination.propose',
					subject: pollId,
					data: { proposalId: inserted.id, name: inserted.name, quartier: inserted.quartier }
				});
				return inserted;
			});
			notify(entry);
			return view(
				{
					...record,
					proposerName: member.displayName,
					shortlisted: false
				},
				false
			);
		},

		proposals,

		/** For the realtime layer: the facilitators' board, and the count the room may see. */
		async facilitatorBoard(pollId: string): Promise<NominationBoard> {
			const entry = await nominationOf(pollId);
			return board(entry, await repo.listProposals(pollId), null, true, null);
		},

		/** Facilitators: `fromId` now counts for `intoId` (its supporters and reasons with it). */
		async mergeProposals(user: User | null, pollId: string, input: unknown) {
			const entry = await nominationOf(pollId);
			await access.member(user, entry, 'nomination.moderate');
			rejectControlCharacters(input);
			const parsed = mergeSchema.safeParse(input ?? {});
			if (!parsed.success) throw invalid(parsed.error);
			const { fromId, intoId } = parsed.data;
			await repo.transaction(async (tx) => {
				const row = await lockProposalPhase(tx, pollId);
				const before = (await tx.listProposals(pollId)).map(toProposal);
				const merged = mergeProposals(before, fromId, intoId);
				if (!merged.ok) throw refusal(merged.code);
				const moved = merged.proposals
					.filter((p, i) => p.mergedInto !== before[i].mergedInto)
					.map((p) => p.id);
				await tx.setMergedInto(pollId, moved, intoId);
				await tx.appendAudit({
					workshopId: row.workshopId,
					actor: user!.id,
					action: 'nomination.merge',
					subject: pollId,
					data: { fromId, intoId, moved }
				});
			});
			notify(entry);
			return proposals(user, pollId);
		},

		/**
		 * Facilitators: closes the proposal phase. The shortlisted proposals become the options
		 * (with their quartier when scoped), the poll enters its vote phase, still a draft: the
		 * facilitator opens the vote like any other (countdown, secret ballot and all).
		 */
		async shortlist(user: User | null, pollId: string, input: unknown) {
			const entry = await nominationOf(pollId);
			await access.member(user, entry, 'nomination.moderate');
			rejectControlCharacters(input);
			const parsed = shortlistSchema.safeParse(input ?? {});
			if (!parsed.success) throw invalid(parsed.error);
			await repo.transaction(async (tx) => {
				const row = await lockProposalPhase(tx, pollId);
				const nomination = row.settings.nomination!;
				const proposals = (await tx.listProposals(pollId)).map(toProposal);
				const shortlisted = shortlistToOptions(
					proposals,
					parsed.data.proposalIds,
					nomination.scope
				);
				if (!shortlisted.ok) throw refusal(shortlisted.code, 'proposalIds');
				const at = now();
				const settings = { ...row.settings, nomination: { ...nomination, phase: 'vote' as const } };
				const options = await tx.startVotePhase(
					pollId,
					settings,
					shortlisted.options.map(({ label, quartier }) => ({ label, quartier })),
					new Date(at)
				);
				const ids = shortlisted.options.map((o) => o.proposalId);
				await tx.markShortlisted(pollId, ids);
				await tx.appendAudit({
					workshopId: row.workshopId,
					actor: user!.id,
					action: 'nomination.shortlist',
					subject: pollId,
					data: {
						proposalIds: ids,
						options: options.map((o) => ({
							id: o.id,
							label: o.label,
							quartier: o.quartier ?? null
						}))
					}
				});
			});
			await cache.refresh(pollId);
			deps.changed(entry);
			notify(entry);
			return {
				id: pollId,
				options: entry.options.map(({ id, label, quartier }) => ({
					id,
					label,
					...(quartier ? { quartier } : {})
				}))
			};
		}
	};
}

export type Nominations = ReturnType<typeof createNominations>;
