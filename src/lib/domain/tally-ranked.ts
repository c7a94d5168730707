// Ranked ballots: instant-runoff with its round-by-round table, and Borda count.
//
// Instant-runoff. Each round, every ballot counts for its highest-ranked option still in the
// count; a ballot with none left is exhausted. An option holding more than half of the
// non-exhausted ballots wins; so does the last one standing. Otherwise the option with the fewest
// votes is eliminated. Options with no vote at all are eliminated together: they carry no ballot,
// so their order cannot matter. A tie for last place is broken, in this order, by
//   1. fewest votes in the previous round, then the round before, back to round 1;
//   2. lowest Borda score over all ballots (how the whole room ranked them);
//   3. the option listed last in the poll (fixed before the vote, visible to everyone).
// When the last two options are tied, rules 1 and 2 pick the winner; if they cannot, the winner
// is null: an arbitrary rule may choose who is eliminated, never who wins.
//
// Borda. With n options, the option in position i (from 0) gets n − 1 − i points; an option a
// ballot leaves unranked gets 0, so ranking fewer options never gives them extra weight.
import type { IrvRound, OptionId } from './poll-types';
import { rankingFromKey } from './tally-aggregate';

export interface WeightedRanking {
	ranking: OptionId[];
	weight: number;
}

export function weightedRankings(rankings: Map<string, number>): WeightedRanking[] {
	return [...rankings].map(([key, weight]) => ({ ranking: rankingFromKey(key), weight }));
}

export function bordaPoints(
	optionIds: readonly OptionId[],
	ballots: readonly WeightedRanking[]
): Record<OptionId, number> {
	const n = optionIds.length;
	const points: Record<OptionId, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
	for (const { ranking, weight } of ballots)
		ranking.forEach((id, i) => (points[id] += (n - 1 - i) * weight));
	return points;
}

export function firstPreferences(
	optionIds: readonly OptionId[],
	ballots: readonly WeightedRanking[]
): Record<OptionId, number> {
	const counts: Record<OptionId, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
	for (const { ranking, weight } of ballots) if (ranking.length > 0) counts[ranking[0]] += weight;
	return counts;
}

export interface IrvOutcome {
	winner: OptionId | null;
	rounds: IrvRound[];
	eliminatedInRound: Record<OptionId, number>;
}

type TieBreak = NonNullable<IrvRound['tieBreak']>;

/**
 * Narrows `tied` to the options that should lose: fewest votes in earlier rounds (latest
 * first), then fewest Borda points, then — only if `useOrder` — the one listed last.
 */
function losersOfTie(
	tied: OptionId[],
	history: readonly Record<OptionId, number>[],
	borda: Record<OptionId, number>,
	order: readonly OptionId[],
	useOrder: boolean
): { losers: OptionId[]; rule?: TieBreak } {
	let set = tied;
	const narrow = (score: (id: OptionId) => number) => {
		const min = Math.min(...set.map(score));
		set = set.filter((id) => score(id) === min);
	};
	for (let r = history.length - 1; r >= 0 && set.length > 1; r--) narrow((id) => history[r][id]);
	if (set.length === 1) return { losers: set, rule: 'previous_rounds' };
	narrow((id) => borda[id]);
	if (set.length === 1) return { losers: set, rule: 'borda' };
	if (!useOrder) return { losers: set };
	const last = set.reduce((a, b) => (order.indexOf(a) > order.indexOf(b) ? a : b));
	return { losers: [last], rule: 'option_order' };
}

export function instantRunoff(
	optionIds: readonly OptionId[],
	ballots: readonly WeightedRanking[]
): IrvOutcome {
	const borda = bordaPoints(optionIds, ballots);
	const continuing = new Set(optionIds);
	const rounds: IrvRound[] = [];
	const history: Record<OptionId, number>[] = [];
	const eliminatedInRound: Record<OptionId, number> = {};
	const total = ballots.reduce((sum, b) => sum + b.weight, 0);
	if (total === 0 || continuing.size === 0) return { winner: null, rounds, eliminatedInRound };

	for (let round = 1; ; round++) {
		const counts: Record<OptionId, number> = {};
		for (const id of optionIds) if (continuing.has(id)) counts[id] = 0;
		let exhausted = 0;
		for (const { ranking, weight } of ballots) {
			const top = ranking.find((id) => continuing.has(id));
			if (top === undefined) exhausted += weight;
			else counts[top] += weight;
		}
		const ids = Object.keys(counts);
		const active = total - exhausted;
		const record: IrvRound = { round, counts, exhausted, eliminated: [] };
		rounds.push(record);
		const eliminate = (losers: OptionId[]) => {
			for (const id of losers) {
				continuing.delete(id);
				eliminatedInRound[id] = round;
			}
			record.eliminated = losers;
		};

		const max = Math.max(...ids.map((id) => counts[id]));
		const leaders = ids.filter((id) => counts[id] === max);
		if (ids.length === 1 || (leaders.length === 1 && max * 2 > active)) {
			record.winner = leaders[0];
			return { winner: leaders[0], rounds, eliminatedInRound };
		}
		if (active === 0) return { winner: null, rounds, eliminatedInRound };

		if (ids.length === 2) {
			// Two left and tied (otherwise the leader has a majority): decide without option order.
			const { losers, rule } = losersOfTie(ids, history, borda, optionIds, false);
			if (losers.length !== 1) return { winner: null, rounds, eliminatedInRound };
			const winner = ids.find((id) => id !== losers[0])!;
			eliminate(losers);
			record.tieBreak = rule;
			record.winner = winner;
			return { winner, rounds, eliminatedInRound };
		}

		const zeros = ids.filter((id) => counts[id] === 0);
		if (zeros.length > 0) {
			eliminate(zeros);
		} else {
			const min = Math.min(...ids.map((id) => counts[id]));
			const tied = ids.filter((id) => counts[id] === min);
			if (tied.length === 1) eliminate(tied);
			else {
				const { losers, rule } = losersOfTie(tied, history, borda, optionIds, true);
				eliminate(losers);
				record.tieBreak = rule;
			}
		}
		history.push(counts);
	}
}
