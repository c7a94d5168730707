// The sufficient statistics of a set of ballots: everything a tally needs, nothing about who
// voted. Batch tallies fold ballots into one; the incremental tally keeps one up to date, so
// both paths finish through the same code and cannot drift apart.
import {
	MAX_GRADE,
	type BallotMethod,
	type NormalizedChoice,
	type OptionId,
	type PollOption
} from './poll-types';

export interface TallyAggregate {
	method: BallotMethod;
	optionIds: OptionId[];
	ballots: number;
	/** votes (single, multiple, consent), dots (dots), sum of grades (score, majority judgment) */
	counts: Record<OptionId, number>;
	/** score and majority judgment: ballots per grade 0–5 */
	grades: Record<OptionId, number[]>;
	/**
	 * ranked: identical rankings with their multiplicity. Instant-runoff needs whole ballots, and
	 * a room repeats few distinct rankings, so this is much smaller than the ballot list.
	 */
	rankings: Map<string, number>;
}

// Option ids are server-made uuids; the unit separator cannot occur in one.
const RANKING_SEPARATOR = '\u001f';
export const rankingKey = (ranking: readonly OptionId[]) => ranking.join(RANKING_SEPARATOR);
export const rankingFromKey = (key: string): OptionId[] =>
	key === '' ? [] : key.split(RANKING_SEPARATOR);

export function emptyAggregate(
	method: BallotMethod,
	options: readonly PollOption[]
): TallyAggregate {
	const counts: Record<OptionId, number> = {};
	const grades: Record<OptionId, number[]> = {};
	for (const o of options) {
		counts[o.id] = 0;
		if (method === 'score' || method === 'majority_judgment')
			grades[o.id] = new Array<number>(MAX_GRADE + 1).fill(0);
	}
	return {
		method,
		optionIds: options.map((o) => o.id),
		ballots: 0,
		counts,
		grades,
		rankings: new Map()
	};
}

function bump(record: Record<OptionId, number>, id: OptionId, by: number) {
	if (!Object.hasOwn(record, id)) throw new Error(`tally: unknown option ${id}`);
	record[id] += by;
}

/** The marks a ballot puts on options, or null when its shape is not the method's. */
function marksOf(method: BallotMethod, choice: NormalizedChoice): [OptionId, number][] | null {
	switch (method) {
		case 'single':
		case 'consent':
			return 'optionId' in choice ? [[choice.optionId, 1]] : null;
		case 'multiple':
			return 'optionIds' in choice ? choice.optionIds.map((id) => [id, 1]) : null;
		case 'dots':
			return 'dots' in choice ? Object.entries(choice.dots) : null;
		case 'score':
		case 'majority_judgment':
			return 'scores' in choice ? Object.entries(choice.scores) : null;
		case 'ranked':
			return 'ranking' in choice ? choice.ranking.map((id) => [id, 0]) : null;
	}
}

/**
 * Adds (sign 1) or withdraws (sign -1) one normalized ballot in O(options). Ballots are
 * validated when written, so a ballot that does not fit is a programming error: it throws
 * before touching the aggregate.
 */
export function applyBallot(agg: TallyAggregate, choice: NormalizedChoice, sign: 1 | -1): void {
	const marks = marksOf(agg.method, choice);
	if (marks === null) throw new Error(`tally: ballot shape does not match method ${agg.method}`);
	const graded = agg.method === 'score' || agg.method === 'majority_judgment';
	for (const [id, n] of marks) {
		if (!Object.hasOwn(agg.counts, id)) throw new Error(`tally: unknown option ${id}`);
		if (graded && !(Number.isInteger(n) && n >= 0 && n <= MAX_GRADE))
			throw new Error(`tally: grade ${n} out of range`);
		if (sign === -1 && (graded ? agg.grades[id][n] < 1 : agg.counts[id] < n))
			throw new Error('tally: withdrawing a ballot that was never added');
	}
	if (sign === -1 && agg.ballots === 0) throw new Error('tally: withdrawing from an empty tally');
	if (agg.method === 'ranked') {
		const key = rankingKey((choice as { ranking: OptionId[] }).ranking);
		const next = (agg.rankings.get(key) ?? 0) + sign;
		if (next < 0) throw new Error('tally: withdrawing a ranking that was never added');
		if (next === 0) agg.rankings.delete(key);
		else agg.rankings.set(key, next);
	} else {
		for (const [id, n] of marks) {
			agg.counts[id] += sign * n;
			if (graded) agg.grades[id][n] += sign;
		}
	}
	agg.ballots += sign;
}

export function aggregateBallots(
	method: BallotMethod,
	options: readonly PollOption[],
	ballots: Iterable<NormalizedChoice>
): TallyAggregate {
	const agg = emptyAggregate(method, options);
	for (const ballot of ballots) applyBallot(agg, ballot, 1);
	return agg;
}

/** Show-of-hands counts: only meaningful where a ballot is a set of marks on options. */
export const roomCountsSupported = (method: BallotMethod) =>
	method === 'single' || method === 'multiple' || method === 'consent' || method === 'dots';

/**
 * An aggregate for counted-in-room hands. When the facilitator did not say how many people were
 * counted: single and consent give one hand per person (the sum); for multiple and dots the
 * largest count is the only safe lower bound.
 */
export function aggregateCounts(
	method: BallotMethod,
	options: readonly PollOption[],
	counts: Record<OptionId, number>,
	voters?: number
): TallyAggregate {
	if (!roomCountsSupported(method)) throw new Error(`tally: room counts do not apply to ${method}`);
	const agg = emptyAggregate(method, options);
	for (const [id, n] of Object.entries(counts)) bump(agg.counts, id, n);
	const values = Object.values(agg.counts);
	agg.ballots =
		voters ??
		(method === 'single' || method === 'consent'
			? values.reduce((a, b) => a + b, 0)
			: Math.max(0, ...values));
	return agg;
}

export function mergeAggregates(into: TallyAggregate, from: TallyAggregate): TallyAggregate {
	into.ballots += from.ballots;
	for (const id of into.optionIds) {
		into.counts[id] += from.counts[id];
		const g = from.grades[id];
		if (g) g.forEach((n, grade) => (into.grades[id][grade] += n));
	}
	for (const [key, n] of from.rankings) into.rankings.set(key, (into.rankings.get(key) ?? 0) + n);
	return into;
}

export function cloneAggregate(agg: TallyAggregate): TallyAggregate {
	const grades: Record<OptionId, number[]> = {};
	for (const [id, g] of Object.entries(agg.grades)) grades[id] = [...g];
	return { ...agg, counts: { ...agg.counts }, grades, rankings: new Map(agg.rankings) };
}
