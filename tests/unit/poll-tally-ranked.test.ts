import { describe, expect, it } from 'vitest';
import { tallyPoll } from '../../src/lib/domain/poll-tally';
import type { NormalizedChoice } from '../../src/lib/domain/poll-types';
import { optionsOf, pollOf, times } from './poll-fixtures';

/** Ballots written as [count, ranking] pairs, like a tally sheet. */
const sheet = (...rows: [number, string[]][]): NormalizedChoice[] =>
	rows.flatMap(([n, ranking]) => times(n, { ranking }));

const irv = (options: string[], ballots: NormalizedChoice[]) =>
	tallyPoll({ poll: pollOf('ranked'), options: optionsOf(...options), ballots });

describe('instant-runoff', () => {
	it('transfers eliminated options’ ballots until one option holds a majority', () => {
		const result = irv(
			['a', 'b', 'c', 'd'],
			sheet([8, ['a', 'b', 'c']], [5, ['b', 'c', 'a']], [4, ['c', 'b', 'a']], [2, ['d', 'c']])
		);
		expect(result.rounds).toEqual([
			{ round: 1, counts: { a: 8, b: 5, c: 4, d: 2 }, exhausted: 0, eliminated: ['d'] },
			{ round: 2, counts: { a: 8, b: 5, c: 6 }, exhausted: 0, eliminated: ['b'] },
			{ round: 3, counts: { a: 8, c: 11 }, exhausted: 0, eliminated: [], winner: 'c' }
		]);
		expect(result.winner).toBe('c');
		expect(result.options.map((o) => [o.id, o.count, o.eliminatedInRound, o.rank])).toEqual([
			['a', 8, undefined, 2],
			['b', 5, 2, 3],
			['c', 4, undefined, 1],
			['d', 2, 1, 4]
		]);
	});

	it('elects in the first round an option with more than half of the ballots', () => {
		const result = irv(['a', 'b'], sheet([3, ['a']], [2, ['b']]));
		expect(result.rounds).toHaveLength(1);
		expect(result.winner).toBe('a');
	});

	it('counts a majority of the ballots still in the count, not of all ballots', () => {
		const result = irv(['a', 'b', 'c'], sheet([4, ['a']], [3, ['b']], [2, ['c']]));
		expect(result.rounds![1]).toEqual({
			round: 2,
			counts: { a: 4, b: 3 },
			exhausted: 2,
			eliminated: [],
			winner: 'a'
		});
	});

	it('an IRV tie for last place eliminates the option with fewer votes in the previous round', () => {
		const result = irv(
			['a', 'b', 'c', 'd', 'e'],
			sheet(
				[10, ['a']],
				[9, ['b']],
				[6, ['c', 'a']],
				[5, ['d', 'b']],
				[1, ['e', 'c', 'a']],
				[2, ['e', 'd', 'b']]
			)
		);
		expect(result.rounds![1]).toMatchObject({
			counts: { a: 10, b: 9, c: 7, d: 7 },
			eliminated: ['d'],
			tieBreak: 'previous_rounds'
		});
		expect(result.rounds!.at(-1)).toMatchObject({ counts: { a: 17, b: 16 }, winner: 'a' });
		expect(result.winner).toBe('a');
	});

	it('an IRV tie for last place in the first round eliminates the option with the lower Borda score', () => {
		const result = irv(
			['a', 'b', 'c', 'd'],
			sheet([5, ['a', 'c', 'd', 'b']], [4, ['b', 'd', 'c', 'a']], [2, ['c', 'a']], [2, ['d', 'a']])
		);
		expect(result.options.map((o) => o.points)).toEqual([23, 12, 20, 19]);
		expect(result.rounds![0]).toMatchObject({ eliminated: ['d'], tieBreak: 'borda' });
		expect(result.winner).toBe('a');
	});

	it('an IRV tie no other rule breaks eliminates the option listed last', () => {
		const result = irv(['a', 'b', 'c'], sheet([2, ['a']], [1, ['b', 'a']], [1, ['c', 'a']]));
		expect(result.rounds![0]).toMatchObject({ eliminated: ['c'], tieBreak: 'option_order' });
		expect(result.winner).toBe('a');
	});

	it('eliminates every option without a single vote in one round', () => {
		const result = irv(['a', 'b', 'c', 'd', 'e'], sheet([2, ['a']], [2, ['b']], [1, ['c', 'a']]));
		expect(result.rounds![0]).toMatchObject({ eliminated: ['d', 'e'] });
		expect(result.rounds![0].tieBreak).toBeUndefined();
		expect(result.winner).toBe('a');
	});

	it('decides a tie between the last two options by the Borda score', () => {
		const result = irv(['a', 'b', 'c'], sheet([2, ['a', 'b']], [2, ['b', 'c']], [1, ['c']]));
		expect(result.rounds![1]).toMatchObject({
			counts: { a: 2, b: 2 },
			exhausted: 1,
			eliminated: ['a'],
			tieBreak: 'borda',
			winner: 'b'
		});
		expect(result.winner).toBe('b');
		expect(result.options.find((o) => o.id === 'b')!.rank).toBe(1);
	});

	it('has no winner when the last two options stay tied after the previous-rounds and Borda tie-breaks', () => {
		const result = irv(['a', 'b'], sheet([2, ['a']], [2, ['b']]));
		expect(result.winner).toBeNull();
		expect(result.rounds).toEqual([
			{ round: 1, counts: { a: 2, b: 2 }, exhausted: 0, eliminated: [] }
		]);
	});

	it('has no winner when exhausted ballots leave the last two tied', () => {
		const result = irv(['a', 'b', 'c'], sheet([2, ['a']], [2, ['b']], [1, ['c']]));
		expect(result.winner).toBeNull();
		expect(result.rounds!.at(-1)).toMatchObject({ counts: { a: 2, b: 2 }, exhausted: 1 });
	});

	it('has no rounds and no winner without ballots', () => {
		const result = irv(['a', 'b'], []);
		expect(result).toMatchObject({ winner: null, rounds: [], totalBallots: 0 });
	});

	it('elects a single option with at least one ballot', () => {
		expect(irv(['a'], sheet([1, ['a']])).winner).toBe('a');
	});
});

describe('Borda count', () => {
	const borda = (options: string[], ballots: NormalizedChoice[]) =>
		tallyPoll({
			poll: pollOf('ranked', { rankedMethod: 'borda' }),
			options: optionsOf(...options),
			ballots
		});

	it('gives n − 1 points for a first place down to 0, and can elect another option than instant-runoff', () => {
		const ballots = sheet(
			[8, ['a', 'b', 'c']],
			[5, ['b', 'c', 'a']],
			[4, ['c', 'b', 'a']],
			[2, ['d', 'c']]
		);
		const result = borda(['a', 'b', 'c', 'd'], ballots);
		expect(result.options.map((o) => o.points)).toEqual([33, 39, 34, 6]);
		expect(result.winner).toBe('b');
		expect(result.rounds).toBeUndefined();
		expect(irv(['a', 'b', 'c', 'd'], ballots).winner).toBe('c');
	});

	it('gives no points to the options a partial ranking leaves out', () => {
		const result = borda(['a', 'b', 'c'], sheet([1, ['b']]));
		expect(result.options.map((o) => o.points)).toEqual([0, 2, 0]);
	});

	it('has no winner on a tie for the most points', () => {
		const result = borda(['a', 'b'], sheet([1, ['a', 'b']], [1, ['b', 'a']]));
		expect(result.winner).toBeNull();
	});
});
