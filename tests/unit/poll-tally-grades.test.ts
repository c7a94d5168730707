import { describe, expect, it } from 'vitest';
import { tallyPoll } from '../../src/lib/domain/poll-tally';
import { compareMajorityValue, lowerMedian } from '../../src/lib/domain/tally-grades';
import type { NormalizedChoice } from '../../src/lib/domain/poll-types';
import { optionsOf, pollOf } from './poll-fixtures';

/** Ballots from per-option grade columns: column a = [a's grade on ballot 1, 2, …]. */
function columns(grades: Record<string, number[]>): NormalizedChoice[] {
	const n = Object.values(grades)[0].length;
	return Array.from({ length: n }, (_, i) => ({
		scores: Object.fromEntries(Object.entries(grades).map(([id, g]) => [id, g[i]]))
	}));
}

const mj = (grades: Record<string, number[]>) =>
	tallyPoll({
		poll: pollOf('majority_judgment'),
		options: optionsOf(...Object.keys(grades)),
		ballots: columns(grades)
	});

describe('score', () => {
	it('reports the mean, the sum and the distribution of scores 0–5 for each option', () => {
		const result = tallyPoll({
			poll: pollOf('score'),
			options: optionsOf('a', 'b'),
			ballots: columns({ a: [5, 4, 3], b: [0, 5, 1] })
		});
		expect(result.options[0]).toMatchObject({
			score: 4,
			points: 12,
			count: 3,
			distribution: [0, 0, 0, 1, 1, 1]
		});
		expect(result.options[1]).toMatchObject({ score: 2, distribution: [1, 1, 0, 0, 0, 1] });
		expect(result.winner).toBe('a');
	});

	it('has no winner when two options have the same mean', () => {
		const result = tallyPoll({
			poll: pollOf('score'),
			options: optionsOf('a', 'b'),
			ballots: columns({ a: [5, 4, 0], b: [3, 3, 3] })
		});
		expect(result.winner).toBeNull();
	});

	it('has no mean and no winner without ballots', () => {
		const result = tallyPoll({ poll: pollOf('score'), options: optionsOf('a'), ballots: [] });
		expect(result.options[0].score).toBeUndefined();
		expect(result.winner).toBeNull();
	});
});

describe('majority judgment', () => {
	it('elects the option with the best median grade, not the best mean', () => {
		// a: mean 3, median 4 · b: mean 3, median 3
		const result = mj({ a: [5, 4, 4, 2, 0], b: [3, 3, 3, 3, 3] });
		expect(result.options.map((o) => o.median)).toEqual([4, 3]);
		expect(result.winner).toBe('a');
	});

	it('takes the lower of the two middle grades when the number of ballots is even', () => {
		expect(lowerMedian([0, 1, 1, 0, 1, 1])).toBe(2);
		expect(lowerMedian([0, 0, 0, 0, 0, 0])).toBeNull();
	});

	it('reports the majority gauge: grades above and below the median', () => {
		const result = mj({ a: [0, 3, 3, 3, 5] });
		expect(result.options[0]).toMatchObject({
			median: 3,
			above: 1,
			below: 1,
			distribution: [1, 0, 0, 3, 0, 1]
		});
	});

	it('a majority-judgment tie on the median is broken by removing median grades until they differ', () => {
		// Same median (3), same gauge (one above, one below); once three 3s are removed,
		// a is left with [0, 5] (lower median 0) and b with [2, 4] (lower median 2).
		const result = mj({ a: [0, 3, 3, 3, 5], b: [2, 3, 3, 3, 4] });
		expect(result.options.map((o) => [o.median, o.above, o.below])).toEqual([
			[3, 1, 1],
			[3, 1, 1]
		]);
		expect(result.winner).toBe('b');
		expect(result.options.map((o) => o.rank)).toEqual([2, 1]);
	});

	it('breaks a median tie in favour of the option whose grades lean above the median', () => {
		// Both median 3: a has two grades above, b two grades below.
		const result = mj({ a: [1, 3, 3, 4, 5], b: [1, 2, 3, 3, 5] });
		expect(result.winner).toBe('a');
	});

	it('has no winner when two options have exactly the same grades', () => {
		const result = mj({ a: [1, 4, 2], b: [4, 1, 2], c: [0, 0, 1] });
		expect(result.winner).toBeNull();
		expect(result.options.map((o) => o.rank)).toEqual([1, 1, 3]);
	});

	it('compares majority values symmetrically', () => {
		const a = [1, 0, 0, 3, 0, 1];
		const b = [0, 0, 1, 3, 1, 0];
		expect(Math.sign(compareMajorityValue(a, b))).toBe(-1);
		expect(Math.sign(compareMajorityValue(b, a))).toBe(1);
		expect(compareMajorityValue(a, a)).toBe(0);
	});

	it('has no median and no winner without ballots', () => {
		const result = tallyPoll({
			poll: pollOf('majority_judgment'),
			options: optionsOf('a', 'b'),
			ballots: []
		});
		expect(result.options[0].median).toBeUndefined();
		expect(result.winner).toBeNull();
	});
});
