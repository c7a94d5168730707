import { describe, expect, it } from 'vitest';
import { validateChoice } from '../../src/lib/domain/ballot-validation';
import { tallyPoll } from '../../src/lib/domain/poll-tally';
import { IncrementalTally } from '../../src/lib/domain/poll-tally-incremental';
import type {
	BallotMethod,
	Choice,
	NormalizedChoice,
	PollConfig,
	PollOption,
	RoomEntry
} from '../../src/lib/domain/poll-types';
import { MJ_GRADES } from '../../src/lib/domain/poll-types';
import { compareMajorityValue } from '../../src/lib/domain/tally-grades';
import {
	ALL_BALLOT_METHODS,
	consentOptions,
	optionsOf,
	pollOf,
	seededRandom
} from './poll-fixtures';

/** Seeds that once found a difference stay here as regression cases (none so far). */
const REGRESSION_SEEDS: number[] = [];
const RANDOM_SEEDS = Array.from({ length: 40 }, (_, i) => 1_000 + i * 7919);

type Random = () => number;
const int = (rnd: Random, n: number) => Math.floor(rnd() * n);
function shuffled<T>(rnd: Random, list: readonly T[]): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = int(rnd, i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

function randomChoice(
	rnd: Random,
	method: BallotMethod,
	options: PollOption[],
	dots: number
): Choice {
	const ids = options.map((o) => o.id);
	const some = () => shuffled(rnd, ids).slice(0, 1 + int(rnd, ids.length));
	switch (method) {
		case 'single':
		case 'consent':
			return { optionId: ids[int(rnd, ids.length)] };
		case 'multiple':
			return { optionIds: some() };
		case 'ranked':
			return { ranking: some() };
		case 'score':
			return { scores: Object.fromEntries(some().map((id) => [id, int(rnd, 6)])) };
		case 'majority_judgment':
			return {
				scores: Object.fromEntries(
					some().map((id) => [id, rnd() < 0.5 ? int(rnd, 6) : MJ_GRADES[int(rnd, 6)]])
				)
			};
		case 'dots': {
			const spread: Record<string, number> = {};
			for (let k = 1 + int(rnd, dots); k > 0; k--) {
				const id = ids[int(rnd, ids.length)];
				spread[id] = (spread[id] ?? 0) + 1;
			}
			return { dots: spread };
		}
	}
}

function scenario(method: BallotMethod, seed: number, rankedMethod: 'irv' | 'borda' = 'irv') {
	const rnd = seededRandom(seed);
	const options =
		method === 'consent'
			? consentOptions
			: optionsOf(...'abcdef'.slice(0, 2 + int(rnd, 4)).split(''));
	const poll: PollConfig = pollOf(method, {
		dots: 4,
		rankedMethod,
		quorum: { kind: 'share', basis: 'present', ratio: 0.5 },
		requiredMajority: rnd() < 0.5 ? 'simple' : 'two_thirds'
	});
	const ballot = (): NormalizedChoice => {
		const checked = validateChoice(poll, options, randomChoice(rnd, method, options, 4));
		if (!checked.ok) throw new Error(`generator made an invalid ballot: ${checked.code}`);
		return checked.normalized;
	};
	const tally = new IncrementalTally(poll, options);
	const kept: NormalizedChoice[] = [];
	const steps = 20 + int(rnd, 120);
	const rooms: RoomEntry[] =
		method === 'ranked' || method === 'score' || method === 'majority_judgment'
			? [{ source: 'room', id: 'paper', label: 'Urne', ballots: [ballot(), ballot()] }]
			: [{ source: 'room', id: 'hands', label: 'Salle', counts: { [options[0].id]: int(rnd, 9) } }];
	for (let step = 0; step < steps; step++) {
		const roll = rnd();
		if (kept.length > 0 && roll < 0.2) {
			const i = int(rnd, kept.length);
			const next = ballot();
			tally.replace(kept[i], next);
			kept[i] = next;
		} else if (kept.length > 0 && roll < 0.3) {
			const [gone] = kept.splice(int(rnd, kept.length), 1);
			tally.withdraw(gone);
		} else {
			const next = ballot();
			tally.add(next);
			kept.push(next);
		}
	}
	const turnout = { present: 10 + int(rnd, 100) };
	return {
		incremental: tally.result(rooms, turnout),
		batch: tallyPoll({ poll, options, ballots: kept, rooms, turnout }),
		kept,
		options
	};
}

describe('incremental tally', () => {
	for (const method of ALL_BALLOT_METHODS)
		it(`gives the same result as the batch tally for ${method} after random adds, changes and withdrawals`, () => {
			for (const seed of [...REGRESSION_SEEDS, ...RANDOM_SEEDS]) {
				const { incremental, batch } = scenario(method, seed);
				expect(incremental, `${method} seed ${seed}`).toEqual(batch);
			}
		});

	it('gives the same Borda result as the batch tally on random ballots', () => {
		for (const seed of [...REGRESSION_SEEDS, ...RANDOM_SEEDS]) {
			const { incremental, batch } = scenario('ranked', seed, 'borda');
			expect(incremental, `borda seed ${seed}`).toEqual(batch);
		}
	});

	it('counts exactly what a plain count of the kept ballots gives, for the count-based methods', () => {
		for (const method of ['single', 'multiple', 'dots'] as const)
			for (const seed of RANDOM_SEEDS) {
				const { incremental, kept, options } = scenario(method, seed);
				const expected: Record<string, number> = Object.fromEntries(options.map((o) => [o.id, 0]));
				for (const b of kept) {
					if ('optionId' in b) expected[b.optionId]++;
					if ('optionIds' in b) for (const id of b.optionIds) expected[id]++;
					if ('dots' in b) for (const [id, n] of Object.entries(b.dots)) expected[id] += n;
				}
				expect(incremental.bySource[0].counts, `${method} seed ${seed}`).toEqual(expected);
				expect(incremental.bySource[0].ballots).toBe(kept.length);
			}
	});

	it('rebuilds from stored ballots to the same state as adding them one by one', () => {
		const poll = pollOf('single');
		const options = optionsOf('a', 'b');
		const ballots: NormalizedChoice[] = [{ optionId: 'a' }, { optionId: 'b' }, { optionId: 'a' }];
		const rebuilt = new IncrementalTally(poll, options, ballots);
		const live = new IncrementalTally(poll, options);
		for (const b of ballots) live.add(b);
		expect(rebuilt.result()).toEqual(live.result());
		expect(rebuilt.ballots).toBe(3);
	});

	it('refuses to withdraw a ballot it never counted and leaves the tally unchanged', () => {
		const tally = new IncrementalTally(pollOf('single'), optionsOf('a', 'b'), [{ optionId: 'a' }]);
		const before = tally.result();
		expect(() => tally.withdraw({ optionId: 'b' })).toThrow();
		expect(() => tally.replace({ optionId: 'b' }, { optionId: 'a' })).toThrow();
		expect(() => tally.add({ optionIds: ['a'] })).toThrow();
		expect(tally.result()).toEqual(before);
	});

	it('refuses to tally a nomination that is still collecting proposals', () => {
		const poll = pollOf('nomination', {
			nomination: { phase: 'proposal', voteMethod: 'single', scope: 'none' }
		});
		expect(() => new IncrementalTally(poll, [])).toThrow();
	});
});

describe('majority value on distributions', () => {
	/** The textbook definition: sort the grades, remove the lower median again and again. */
	function naiveMajorityValue(distribution: number[]): number[] {
		const grades = distribution.flatMap((n, g) => Array<number>(n).fill(g));
		const out: number[] = [];
		while (grades.length > 0) out.push(grades.splice(Math.floor((grades.length - 1) / 2), 1)[0]);
		return out;
	}
	const lexicographic = (a: number[], b: number[]) => {
		for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
		return a.length - b.length;
	};

	it('orders random grade distributions exactly as the textbook definition does', () => {
		const rnd = seededRandom(42);
		for (let i = 0; i < 500; i++) {
			const n = 1 + int(rnd, 12);
			const draw = () => {
				const d = [0, 0, 0, 0, 0, 0];
				for (let k = 0; k < n; k++) d[int(rnd, 6)]++;
				return d;
			};
			const a = draw();
			const b = draw();
			expect(Math.sign(compareMajorityValue(a, b))).toBe(
				Math.sign(lexicographic(naiveMajorityValue(a), naiveMajorityValue(b)))
			);
		}
	});
});
