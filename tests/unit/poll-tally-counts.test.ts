import { describe, expect, it } from 'vitest';
import { isMajorityMet, isQuorumMet, tallyPoll } from '../../src/lib/domain/poll-tally';
import type { NormalizedChoice, RoomEntry } from '../../src/lib/domain/poll-types';
import { consentOptions, optionsOf, pollOf, times } from './poll-fixtures';

const abc = optionsOf('a', 'b', 'c');
const pick = (optionId: string): NormalizedChoice => ({ optionId });
const counts = (result: ReturnType<typeof tallyPoll>) =>
	Object.fromEntries(result.options.map((o) => [o.id, o.count]));

describe('single choice', () => {
	it('counts one vote per ballot and names the option with the most votes', () => {
		const result = tallyPoll({
			poll: pollOf('single'),
			options: abc,
			ballots: [...times(3, pick('b')), ...times(2, pick('a'))]
		});
		expect(result.totalBallots).toBe(5);
		expect(counts(result)).toEqual({ a: 2, b: 3, c: 0 });
		expect(result.winner).toBe('b');
		expect(result.options.map((o) => o.rank)).toEqual([2, 1, 3]);
		expect(result.quorumMet).toBe(true);
	});

	it('has no winner when the top two are tied', () => {
		const result = tallyPoll({
			poll: pollOf('single'),
			options: abc,
			ballots: [pick('a'), pick('b'), pick('a'), pick('b'), pick('c')]
		});
		expect(result.winner).toBeNull();
		expect(result.options.map((o) => o.rank)).toEqual([1, 1, 3]);
	});

	it('has no winner when nobody voted', () => {
		const result = tallyPoll({ poll: pollOf('single'), options: optionsOf('a'), ballots: [] });
		expect(result).toMatchObject({ totalBallots: 0, winner: null });
	});
});

describe('multiple choice', () => {
	it('counts every approval and keeps the number of ballots apart', () => {
		const result = tallyPoll({
			poll: pollOf('multiple', { maxChoices: 2 }),
			options: abc,
			ballots: [{ optionIds: ['a', 'b'] }, { optionIds: ['b'] }, { optionIds: ['b', 'c'] }]
		});
		expect(result.totalBallots).toBe(3);
		expect(counts(result)).toEqual({ a: 1, b: 3, c: 1 });
		expect(result.winner).toBe('b');
	});
});

describe('dot voting', () => {
	it('sums the dots of each option, several from one voter included', () => {
		const result = tallyPoll({
			poll: pollOf('dots', { dots: 5 }),
			options: abc,
			ballots: [{ dots: { a: 5 } }, { dots: { b: 3, c: 2 } }, { dots: { b: 1, c: 1 } }]
		});
		expect(counts(result)).toEqual({ a: 5, b: 4, c: 3 });
		expect(result.winner).toBe('a');
	});
});

describe('consent', () => {
	const ballots = (pour: number, contre: number, abst: number) => [
		...times(pour, pick('p')),
		...times(contre, pick('c')),
		...times(abst, pick('a'))
	];

	it('adopts with a simple majority of expressed votes, abstentions not expressed', () => {
		const result = tallyPoll({
			poll: pollOf('consent'),
			options: consentOptions,
			ballots: ballots(4, 3, 10)
		});
		expect(result).toMatchObject({
			expressed: 7,
			majorityMet: true,
			adopted: true,
			totalBallots: 17
		});
		expect(result.winner).toBeUndefined();
	});

	it('does not adopt on a tie between pour and contre', () => {
		const result = tallyPoll({
			poll: pollOf('consent'),
			options: consentOptions,
			ballots: ballots(5, 5, 1)
		});
		expect(result).toMatchObject({ majorityMet: false, adopted: false });
	});

	it('does not adopt when two thirds are required and pour falls one vote short', () => {
		const poll = pollOf('consent', { requiredMajority: 'two_thirds' });
		// 19 of 30 expressed is 63 %: one vote short of 20 (two thirds exactly).
		const missed = tallyPoll({ poll, options: consentOptions, ballots: ballots(19, 11, 4) });
		expect(missed).toMatchObject({ expressed: 30, majorityMet: false, adopted: false });
		const reached = tallyPoll({ poll, options: consentOptions, ballots: ballots(20, 10, 4) });
		expect(reached).toMatchObject({ majorityMet: true, adopted: true });
	});

	it('does not adopt when the quorum of members present is not met, even with a majority', () => {
		const poll = pollOf('consent', { quorum: { kind: 'share', basis: 'present', ratio: 0.5 } });
		const result = tallyPoll({
			poll,
			options: consentOptions,
			ballots: ballots(10, 2, 0),
			turnout: { present: 30, registered: 50 }
		});
		expect(result).toMatchObject({ quorumMet: false, majorityMet: true, adopted: false });
	});

	it('counts abstentions towards the quorum', () => {
		const poll = pollOf('consent', { quorum: { kind: 'share', basis: 'registered', ratio: 0.5 } });
		const result = tallyPoll({
			poll,
			options: consentOptions,
			ballots: ballots(10, 5, 10),
			turnout: { registered: 50 }
		});
		expect(result).toMatchObject({ quorumMet: true, adopted: true });
	});

	it('adopts nothing when every ballot abstains', () => {
		const result = tallyPoll({
			poll: pollOf('consent'),
			options: consentOptions,
			ballots: ballots(0, 0, 6)
		});
		expect(result).toMatchObject({ expressed: 0, majorityMet: false, adopted: false });
	});
});

describe('quorum', () => {
	it('is met by a number of ballots at or above the minimum', () => {
		expect(isQuorumMet({ kind: 'ballots', min: 10 }, 9)).toBe(false);
		expect(isQuorumMet({ kind: 'ballots', min: 10 }, 10)).toBe(true);
		expect(isQuorumMet(null, 0)).toBe(true);
	});

	it('rounds a share of members up: half of 35 registered needs 18 ballots', () => {
		const quorum = { kind: 'share', basis: 'registered', ratio: 0.5 } as const;
		expect(isQuorumMet(quorum, 17, { registered: 35 })).toBe(false);
		expect(isQuorumMet(quorum, 18, { registered: 35 })).toBe(true);
	});

	it('needs exactly 20 of 30 for two thirds despite floating point', () => {
		const quorum = { kind: 'share', basis: 'present', ratio: 2 / 3 } as const;
		expect(isQuorumMet(quorum, 20, { present: 30 })).toBe(true);
		expect(isQuorumMet(quorum, 19, { present: 30 })).toBe(false);
	});

	it('is not met when the number of members it is counted on is unknown', () => {
		expect(isQuorumMet({ kind: 'share', basis: 'present', ratio: 0.1 }, 100, {})).toBe(false);
	});

	it('is reported as not met on a poll with too few ballots, winner still shown', () => {
		const result = tallyPoll({
			poll: pollOf('single', { quorum: { kind: 'ballots', min: 5 } }),
			options: abc,
			ballots: [pick('a'), pick('a'), pick('b')]
		});
		expect(result).toMatchObject({ quorumMet: false, winner: 'a' });
	});

	it('decides a majority on expressed votes only', () => {
		expect(isMajorityMet('simple', 1, 0)).toBe(true);
		expect(isMajorityMet('two_thirds', 2, 1)).toBe(true);
		expect(isMajorityMet('two_thirds', 0, 0)).toBe(false);
	});
});

describe('hybrid rooms', () => {
	const hands: RoomEntry = {
		source: 'room',
		id: 'salle',
		label: 'Salle des fêtes',
		enteredBy: 'Aïcha',
		counts: { a: 10, b: 4 }
	};

	it('adds counted hands as a separate source and shows online, room and total counts', () => {
		const result = tallyPoll({
			poll: pollOf('single'),
			options: abc,
			ballots: [pick('b'), pick('b'), pick('c')],
			rooms: [hands]
		});
		expect(result.totalBallots).toBe(17);
		expect(counts(result)).toEqual({ a: 10, b: 6, c: 1 });
		expect(result.winner).toBe('a');
		expect(result.bySource).toEqual([
			{ id: 'online', source: 'online', ballots: 3, counts: { a: 0, b: 2, c: 1 } },
			{
				id: 'salle',
				source: 'room',
				label: 'Salle des fêtes',
				enteredBy: 'Aïcha',
				ballots: 14,
				counts: { a: 10, b: 4, c: 0 }
			}
		]);
	});

	it('counts room voters toward the quorum, with the number of people when the facilitator gives it', () => {
		const poll = pollOf('multiple', { quorum: { kind: 'ballots', min: 20 } });
		const room: RoomEntry = {
			source: 'room',
			id: 'r',
			label: 'Salle',
			counts: { a: 12, b: 9 },
			voters: 18
		};
		const result = tallyPoll({
			poll,
			options: abc,
			ballots: times(2, { optionIds: ['a'] }),
			rooms: [room]
		});
		expect(result).toMatchObject({ totalBallots: 20, quorumMet: true });
	});

	it('takes the largest approval count as the number of people when none is given', () => {
		const room: RoomEntry = { source: 'room', id: 'r', label: 'Salle', counts: { a: 12, b: 9 } };
		const result = tallyPoll({
			poll: pollOf('multiple'),
			options: abc,
			ballots: [],
			rooms: [room]
		});
		expect(result.totalBallots).toBe(12);
	});

	it('adds paper ballots keyed in one by one, e.g. for a ranked vote', () => {
		const paper: RoomEntry = {
			source: 'room',
			id: 'urne',
			label: 'Urne papier',
			ballots: times(3, { ranking: ['c', 'a'] })
		};
		const result = tallyPoll({
			poll: pollOf('ranked'),
			options: abc,
			ballots: times(2, { ranking: ['a'] }),
			rooms: [paper]
		});
		expect(result.totalBallots).toBe(5);
		expect(result.winner).toBe('c');
		expect(result.bySource.map((s) => s.counts)).toEqual([
			{ a: 2, b: 0, c: 0 },
			{ a: 0, b: 0, c: 3 }
		]);
	});

	it('adds counted consent hands into pour, contre and abstention', () => {
		const room: RoomEntry = {
			source: 'room',
			id: 'r',
			label: 'Salle',
			counts: { p: 20, c: 5, a: 5 }
		};
		const result = tallyPoll({
			poll: pollOf('consent', { requiredMajority: 'two_thirds' }),
			options: consentOptions,
			ballots: times(5, pick('c')),
			rooms: [room]
		});
		expect(result).toMatchObject({ totalBallots: 35, expressed: 30, majorityMet: true });
	});
});
