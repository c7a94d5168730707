// Tallies a poll from its ballots and counted-in-room entries into one PollResult. Pure: the
// service loads ballots and turnout, calls this, and filters by reveal policy before sending.
import { ballotMethodOf } from './ballot-validation';
import type {
	BallotMethod,
	NormalizedChoice,
	OptionId,
	OptionResult,
	PollConfig,
	PollOption,
	PollResult,
	Quorum,
	RequiredMajority,
	RoomEntry,
	SourceResult,
	Turnout
} from './poll-types';
import {
	aggregateBallots,
	aggregateCounts,
	cloneAggregate,
	mergeAggregates,
	type TallyAggregate
} from './tally-aggregate';
import { compareMajorityValue, gradeSummary, meanScore } from './tally-grades';
import { bordaPoints, firstPreferences, instantRunoff, weightedRankings } from './tally-ranked';

export interface TallyInput {
	poll: PollConfig;
	options: readonly PollOption[];
	/** Online ballots, normalized by `validateChoice` when they were cast. */
	ballots: Iterable<NormalizedChoice>;
	/**
	 * Hybrid rooms. Show-of-hands `counts` entries only for the methods `roomCountsSupported`
	 * accepts (check them with `validateRoomCounts`); paper ballots work for every method.
	 */
	rooms?: readonly RoomEntry[];
	/** Members present and registered, for a quorum counted as a share of either. */
	turnout?: Turnout;
}

export function tallyPoll(input: TallyInput): PollResult {
	const method = methodOrThrow(input.poll);
	const online = aggregateBallots(method, input.options, input.ballots);
	return resultFromAggregate(input.poll, input.options, online, input.rooms, input.turnout);
}

export function methodOrThrow(poll: PollConfig): BallotMethod {
	const method = ballotMethodOf(poll);
	if (method === null) throw new Error('tally: a nomination in its proposal phase has no ballots');
	return method;
}

/**
 * Quorum counts ballots, abstentions included: an abstaining member took part (as in French
 * deliberative assemblies). A share quorum whose basis the caller did not supply is not met:
 * better to say "quorum unknown" than to validate a vote by default.
 */
export function isQuorumMet(
	quorum: Quorum | null,
	ballots: number,
	turnout: Turnout = {}
): boolean {
	if (quorum === null) return true;
	if (quorum.kind === 'ballots') return ballots >= quorum.min;
	const basis = turnout[quorum.basis];
	if (basis === undefined) return false;
	// The epsilon keeps 2/3 × 30 = 19.999… from demanding 21 ballots.
	return ballots >= Math.ceil(quorum.ratio * basis - 1e-9);
}

/**
 * Consent: abstentions are not expressed votes. Simple majority: more pour than contre;
 * two thirds: pour ≥ 2/3 of pour + contre. With nothing expressed, nothing is adopted.
 */
export function isMajorityMet(rule: RequiredMajority, pour: number, contre: number): boolean {
	const expressed = pour + contre;
	if (expressed === 0) return false;
	return rule === 'simple' ? pour * 2 > expressed : pour * 3 >= expressed * 2;
}

function headlineCounts(agg: TallyAggregate): Record<OptionId, number> {
	if (agg.method !== 'ranked') return { ...agg.counts };
	return firstPreferences(agg.optionIds, weightedRankings(agg.rankings));
}

/** Ranks 1…n by `better` (> 0: a ahead of b), equal ranks for ties; winner null on a tied top. */
function rankOptions(
	results: OptionResult[],
	better: (a: OptionResult, b: OptionResult) => number,
	anyBallot: boolean
): OptionId | null {
	for (const r of results) r.rank = 1 + results.filter((o) => better(o, r) > 0).length;
	const top = results.filter((r) => r.rank === 1);
	return anyBallot && top.length === 1 ? top[0].id : null;
}

export function resultFromAggregate(
	poll: PollConfig,
	options: readonly PollOption[],
	online: TallyAggregate,
	rooms: readonly RoomEntry[] = [],
	turnout?: Turnout
): PollResult {
	const method = online.method;
	const sources: { meta: Omit<SourceResult, 'ballots' | 'counts'>; agg: TallyAggregate }[] = [
		{ meta: { id: 'online', source: 'online' }, agg: online },
		...rooms.map((room) => ({
			meta: {
				id: room.id,
				source: 'room' as const,
				label: room.label,
				...(room.enteredBy === undefined ? {} : { enteredBy: room.enteredBy })
			},
			agg:
				'counts' in room
					? aggregateCounts(method, options, room.counts, room.voters)
					: aggregateBallots(method, options, room.ballots)
		}))
	];
	const total = sources
		.slice(1)
		.reduce((acc, s) => mergeAggregates(acc, s.agg), cloneAggregate(online));
	const bySource: SourceResult[] = sources.map(({ meta, agg }) => ({
		...meta,
		ballots: agg.ballots,
		counts: headlineCounts(agg)
	}));
	const counts = headlineCounts(total);
	const results: OptionResult[] = options.map((o) => ({
		id: o.id,
		label: o.label,
		count: counts[o.id]
	}));
	const base = {
		method,
		totalBallots: total.ballots,
		options: results,
		quorumMet: isQuorumMet(poll.settings.quorum, total.ballots, turnout),
		bySource
	};
	const anyBallot = total.ballots > 0;

	switch (method) {
		case 'single':
		case 'multiple':
		case 'dots': {
			const winner = rankOptions(results, (a, b) => a.count - b.count, anyBallot);
			return { ...base, winner };
		}
		case 'consent': {
			// Options carry their consent key; position (pour, contre, abstention) is the fallback.
			const keyed = (key: 'for' | 'against', index: number) =>
				(options.find((o) => o.consent === key) ?? options[index])?.id;
			const pour = counts[keyed('for', 0) ?? ''] ?? 0;
			const contre = counts[keyed('against', 1) ?? ''] ?? 0;
			const majorityMet = isMajorityMet(poll.settings.requiredMajority, pour, contre);
			return {
				...base,
				expressed: pour + contre,
				majorityMet,
				adopted: base.quorumMet && majorityMet
			};
		}
		case 'score': {
			for (const r of results) {
				r.points = total.counts[r.id];
				const mean = meanScore(total.counts[r.id], total.ballots);
				if (mean !== null) r.score = mean;
				r.distribution = [...total.grades[r.id]];
				r.count = total.ballots;
			}
			const winner = rankOptions(results, (a, b) => (a.points ?? 0) - (b.points ?? 0), anyBallot);
			return { ...base, winner };
		}
		case 'majority_judgment': {
			for (const r of results) {
				const { median, above, below } = gradeSummary(total.grades[r.id]);
				if (median !== null) r.median = median;
				Object.assign(r, { above, below });
				r.distribution = [...total.grades[r.id]];
				r.count = total.ballots;
			}
			const winner = rankOptions(
				results,
				(a, b) => compareMajorityValue(a.distribution!, b.distribution!),
				anyBallot
			);
			return { ...base, winner };
		}
		case 'ranked': {
			const ballots = weightedRankings(total.rankings);
			const points = bordaPoints(total.optionIds, ballots);
			for (const r of results) r.points = points[r.id];
			if (poll.settings.rankedMethod === 'borda') {
				const winner = rankOptions(results, (a, b) => a.points! - b.points!, anyBallot);
				return { ...base, winner };
			}
			const irv = instantRunoff(total.optionIds, ballots);
			const last = irv.rounds.at(-1)?.counts ?? {};
			for (const r of results)
				if (r.id in irv.eliminatedInRound) r.eliminatedInRound = irv.eliminatedInRound[r.id];
			// Later elimination ranks higher; among those never eliminated, last-round votes.
			const stay = (r: OptionResult) => r.eliminatedInRound ?? irv.rounds.length + 1;
			rankOptions(
				results,
				(a, b) => stay(a) - stay(b) || (last[a.id] ?? 0) - (last[b.id] ?? 0),
				false
			);
			return { ...base, winner: irv.winner, rounds: irv.rounds };
		}
	}
}
