// Nominations (e.g. the modèle citoyen of each quartier): members propose names with a reason,
// the facilitator merges duplicates and shortlists, then the poll votes with an ordinary method,
// optionally one contest per quartier.
import {
	NOMINATION_ERROR_CODES,
	type NominationErrorCode,
	type NormalizedChoice,
	type OptionId,
	type PollConfig,
	type PollOption,
	type PollResult,
	type RoomEntry,
	type Turnout
} from './poll-types';
import { tallyPoll } from './poll-tally';
import { canonicalQuartier, nameKey, optionsForMember } from './nomination-names';

export { canonicalQuartier, nameKey, optionsForMember };

export { NOMINATION_ERROR_CODES };
export type { NominationErrorCode };

export interface Proposal {
	id: string;
	name: string;
	reason: string;
	proposerId: string;
	quartier: string | null;
	/** Set when the facilitator merged this proposal into another one. */
	mergedInto: string | null;
}

export type NominationCheck<T> = ({ ok: true } & T) | { ok: false; code: NominationErrorCode };

export const MAX_NAME_LENGTH = 120;
export const MAX_REASON_LENGTH = 500;

export function checkCanPropose(poll: PollConfig): NominationCheck<object> {
	const ok = poll.method === 'nomination' && poll.settings.nomination?.phase === 'proposal';
	return ok ? { ok: true } : { ok: false, code: 'nomination_not_proposal_phase' };
}

export function createProposal(
	input: Omit<Proposal, 'mergedInto'>
): NominationCheck<{ proposal: Proposal }> {
	const name = input.name.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_LENGTH);
	if (name === '') return { ok: false, code: 'proposal_name_required' };
	const reason = input.reason.trim().slice(0, MAX_REASON_LENGTH);
	const quartier = input.quartier?.trim() || null;
	return { ok: true, proposal: { ...input, name, reason, quartier, mergedInto: null } };
}

/** Groups of unmerged proposals that look like the same person in the same quartier. */
export function suggestDuplicates(proposals: readonly Proposal[]): string[][] {
	const groups = new Map<string, string[]>();
	for (const p of proposals) {
		if (p.mergedInto !== null) continue;
		const key = `${p.quartier ?? ''}\u001f${nameKey(p.name)}`;
		groups.set(key, [...(groups.get(key) ?? []), p.id]);
	}
	return [...groups.values()].filter((ids) => ids.length > 1);
}

/**
 * Merges proposal `fromId` into `intoId`: its supporters and reasons now count for `intoId`,
 * and so do the proposals merged into it before (merges never chain, so support counts stay
 * one lookup deep).
 */
export function mergeProposals(
	proposals: readonly Proposal[],
	fromId: string,
	intoId: string
): NominationCheck<{ proposals: Proposal[] }> {
	if (fromId === intoId) return { ok: false, code: 'proposal_merge_self' };
	const from = proposals.find((p) => p.id === fromId);
	const into = proposals.find((p) => p.id === intoId);
	if (!from || !into) return { ok: false, code: 'proposal_not_found' };
	if (from.mergedInto !== null || into.mergedInto !== null)
		return { ok: false, code: 'proposal_already_merged' };
	return {
		ok: true,
		proposals: proposals.map((p) =>
			p.id === fromId || p.mergedInto === fromId ? { ...p, mergedInto: intoId } : p
		)
	};
}

export interface Candidate {
	proposalId: string;
	name: string;
	quartier: string | null;
	/** How many proposals name this person (the original plus the merged ones). */
	support: number;
	reasons: string[];
}

/** The proposals left after merging, most supported first, for the facilitator's shortlist. */
export function candidates(proposals: readonly Proposal[]): Candidate[] {
	const list = proposals
		.filter((p) => p.mergedInto === null)
		.map((p) => {
			const group = [p, ...proposals.filter((q) => q.mergedInto === p.id)];
			return {
				proposalId: p.id,
				name: p.name,
				quartier: p.quartier,
				support: group.length,
				reasons: group.map((q) => q.reason).filter((r) => r !== '')
			};
		});
	// Stable sort keeps proposal order among equals, so the list does not jump around.
	return list.sort((a, b) => b.support - a.support);
}

export interface OptionDraft {
	label: string;
	quartier?: string;
	proposalId: string;
}

/**
 * Turns the shortlisted proposals into the options of the vote phase. Unscoped, a vote needs
 * two candidates; scoped by quartier, one candidate in a quartier is enough (elected unopposed).
 */
export function shortlistToOptions(
	proposals: readonly Proposal[],
	shortlistedIds: readonly string[],
	scope: 'none' | 'quartier'
): NominationCheck<{ options: OptionDraft[] }> {
	const byId = new Map(proposals.map((p) => [p.id, p]));
	const picked: Proposal[] = [];
	for (const id of new Set(shortlistedIds)) {
		const p = byId.get(id);
		if (!p) return { ok: false, code: 'proposal_not_found' };
		if (p.mergedInto !== null) return { ok: false, code: 'proposal_already_merged' };
		picked.push(p);
	}
	const scoped = scope === 'quartier';
	if (picked.length < (scoped ? 1 : 2) || (scoped && picked.some((p) => p.quartier === null)))
		return { ok: false, code: 'shortlist_too_short' };
	const options = picked.map((p) => ({
		label: p.name,
		proposalId: p.id,
		...(scoped ? { quartier: p.quartier! } : {})
	}));
	return { ok: true, options };
}

/** The options a voter chooses from: in a scoped nomination, the candidates of their quartier. */
export function optionsForVoter(
	poll: PollConfig,
	options: readonly PollOption[],
	voterQuartier: string | null
): PollOption[] {
	if (poll.settings.nomination?.scope !== 'quartier') return [...options];
	return voterQuartier === null ? [] : options.filter((o) => o.quartier === voterQuartier);
}

export function quartiersOf(options: readonly PollOption[]): string[] {
	return [...new Set(options.flatMap((o) => (o.quartier ? [o.quartier] : [])))];
}

// Quartier names are free text: never let one reach Object.prototype ("constructor").
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
	Object.hasOwn(record, key) ? record[key] : undefined;

/**
 * One tally per quartier: each quartier's ballots over its own candidates. Ballots are grouped
 * by the voter's quartier by the caller; in a secret ballot that grouping is itself a disclosure
 * in a very small quartier, which the service should weigh before showing results per quartier.
 */
export function tallyByQuartier(
	poll: PollConfig,
	options: readonly PollOption[],
	ballotsByQuartier: Readonly<Record<string, readonly NormalizedChoice[]>>,
	extra: {
		rooms?: Readonly<Record<string, readonly RoomEntry[]>>;
		turnout?: Readonly<Record<string, Turnout>>;
	} = {}
): Record<string, PollResult> {
	const results: Record<string, PollResult> = {};
	for (const quartier of quartiersOf(options)) {
		results[quartier] = tallyPoll({
			poll,
			options: options.filter((o) => o.quartier === quartier),
			ballots: own(ballotsByQuartier, quartier) ?? [],
			rooms: extra.rooms && own(extra.rooms, quartier),
			turnout: extra.turnout && own(extra.turnout, quartier)
		});
	}
	return results;
}

export function winnersByQuartier(
	results: Readonly<Record<string, PollResult>>
): Record<string, OptionId | null> {
	return Object.fromEntries(Object.entries(results).map(([q, r]) => [q, r.winner ?? null]));
}

/**
 * The quartier a validated ballot of a scoped nomination belongs to: that of the options it
 * names, all in the voter's quartier (the ballot box checked it). No voter needed, so secret
 * ballots can be counted per quartier too.
 */
export function choiceQuartier(
	options: readonly PollOption[],
	choice: NormalizedChoice
): string | null {
	const ids =
		'optionId' in choice
			? [choice.optionId]
			: 'optionIds' in choice
				? choice.optionIds
				: 'ranking' in choice
					? choice.ranking
					: 'scores' in choice
						? Object.keys(choice.scores)
						: Object.keys(choice.dots);
	const byId = new Map(options.map((o) => [o.id, o]));
	for (const id of ids) {
		const quartier = byId.get(id)?.quartier;
		if (quartier) return quartier;
	}
	return null;
}

/**
 * Below this many eligible members, a quartier's turnout is not published: with the counts
 * beside it, "3 / 3 ont voté" in a secret ballot says too much about three neighbours.
 */
export const MIN_QUARTIER_TURNOUT = 5;
