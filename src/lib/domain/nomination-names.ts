// How nominations compare names and quartiers typed by different people. Kept apart from
// nomination.ts (which pulls in the tallies) so a phone's page can import it for a few bytes.
import type { PollOption, PollSettings } from './poll-types';

/**
 * Same person, typed differently ("Aïssa  Moussa", "aissa moussa"): case, accents and spaces
 * do not count. Only a suggestion: the facilitator decides what to merge.
 */
export function nameKey(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/**
 * The spelling of `quartier` already in use (by a proposal, an option or a member) when one
 * differs only by case, accents or spaces ("Zongo", "zongo "): one quartier, one contest.
 */
export function canonicalQuartier(
	quartier: string | null | undefined,
	known: readonly (string | null | undefined)[]
): string | null {
	const trimmed = quartier?.trim().replace(/\s+/g, ' ') ?? '';
	if (trimmed === '') return null;
	const key = nameKey(trimmed);
	return known.find((k) => k && nameKey(k) === key) ?? trimmed;
}

/**
 * The options a member may choose from: in a nomination scoped by quartier, the candidates of
 * their declared quartier (matched as `canonicalQuartier` does), none without one.
 */
export function optionsForMember(
	poll: { settings: Pick<PollSettings, 'nomination'> },
	options: readonly PollOption[],
	memberQuartier: string | null | undefined
): PollOption[] {
	if (poll.settings.nomination?.scope !== 'quartier') return [...options];
	const known = [...new Set(options.flatMap((o) => (o.quartier ? [o.quartier] : [])))];
	const quartier = canonicalQuartier(memberQuartier, known);
	if (quartier === null || !known.includes(quartier)) return [];
	return options.filter((o) => o.quartier === quartier);
}
