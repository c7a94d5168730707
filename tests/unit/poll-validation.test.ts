import { describe, expect, it } from 'vitest';
import {
	checkCanVote,
	classifyResubmission,
	validateChoice,
	validateRoomCounts
} from '../../src/lib/domain/ballot-validation';
import type { Choice } from '../../src/lib/domain/poll-types';
import { consentOptions, optionsOf, pollOf } from './poll-fixtures';

const abc = optionsOf('a', 'b', 'c');

describe('validateChoice', () => {
	it('accepts a single choice for a known option', () => {
		expect(validateChoice(pollOf('single'), abc, { optionId: 'b' })).toEqual({
			ok: true,
			normalized: { optionId: 'b' }
		});
	});

	it('refuses an option that is not in the poll with unknown_option', () => {
		expect(validateChoice(pollOf('single'), abc, { optionId: 'z' })).toEqual({
			ok: false,
			code: 'unknown_option'
		});
	});

	it('refuses a choice shaped for another method with wrong_shape_for_method', () => {
		const poll = pollOf('single');
		const wrong: unknown[] = [
			{ optionIds: ['a'] },
			{ optionId: 'a', optionIds: ['a'] },
			{ optionId: 3 },
			{},
			null,
			['a']
		];
		for (const choice of wrong)
			expect(validateChoice(poll, abc, choice as Choice)).toMatchObject({
				ok: false,
				code: 'wrong_shape_for_method'
			});
	});

	it('accepts a consent vote for pour, contre or abstention only', () => {
		expect(validateChoice(pollOf('consent'), consentOptions, { optionId: 'a' }).ok).toBe(true);
		expect(validateChoice(pollOf('consent'), consentOptions, { optionId: 'x' })).toMatchObject({
			code: 'unknown_option'
		});
	});

	it('normalizes an approval ballot to the options order', () => {
		const result = validateChoice(pollOf('multiple'), abc, { optionIds: ['c', 'a'] });
		expect(result).toEqual({ ok: true, normalized: { optionIds: ['a', 'c'] } });
	});

	it('refuses more approvals than maxChoices with too_many_choices and the maximum', () => {
		const poll = pollOf('multiple', { maxChoices: 2 });
		expect(validateChoice(poll, abc, { optionIds: ['a', 'b', 'c'] })).toEqual({
			ok: false,
			code: 'too_many_choices',
			params: { max: 2 }
		});
	});

	it('refuses an empty approval ballot with empty_choice', () => {
		expect(validateChoice(pollOf('multiple'), abc, { optionIds: [] })).toMatchObject({
			code: 'empty_choice'
		});
	});

	it('refuses the same option ticked twice with duplicate_option', () => {
		expect(validateChoice(pollOf('multiple'), abc, { optionIds: ['a', 'a'] })).toMatchObject({
			code: 'duplicate_option'
		});
	});

	it('accepts a partial ranking and keeps its order', () => {
		expect(validateChoice(pollOf('ranked'), abc, { ranking: ['c', 'a'] })).toEqual({
			ok: true,
			normalized: { ranking: ['c', 'a'] }
		});
	});

	it('refuses an option ranked twice with duplicate_ranking', () => {
		expect(validateChoice(pollOf('ranked'), abc, { ranking: ['a', 'b', 'a'] })).toMatchObject({
			code: 'duplicate_ranking'
		});
	});

	it('refuses an empty ranking, an unknown ranked option and a ranking longer than maxChoices', () => {
		const poll = pollOf('ranked', { maxChoices: 2 });
		expect(validateChoice(poll, abc, { ranking: [] })).toMatchObject({ code: 'empty_choice' });
		expect(validateChoice(poll, abc, { ranking: ['a', 'q'] })).toMatchObject({
			code: 'unknown_option'
		});
		expect(validateChoice(poll, abc, { ranking: ['a', 'b', 'c'] })).toMatchObject({
			code: 'too_many_choices'
		});
	});

	it('fills options left blank on a score ballot with 0', () => {
		expect(validateChoice(pollOf('score'), abc, { scores: { a: 5, c: 2 } })).toEqual({
			ok: true,
			normalized: { scores: { a: 5, b: 0, c: 2 } }
		});
	});

	it('refuses scores outside 0–5 or not whole with score_out_of_range', () => {
		for (const bad of [6, -1, 2.5, Number.NaN])
			expect(validateChoice(pollOf('score'), abc, { scores: { a: bad } })).toMatchObject({
				code: 'score_out_of_range'
			});
	});

	it('refuses a grade name on a score ballot, which only majority judgment understands', () => {
		expect(validateChoice(pollOf('score'), abc, { scores: { a: 'good' } })).toMatchObject({
			code: 'score_out_of_range'
		});
	});

	it('turns majority-judgment grade names into their values 0–5', () => {
		const result = validateChoice(pollOf('majority_judgment'), abc, {
			scores: { a: 'excellent', b: 'reject', c: 3 }
		});
		expect(result).toEqual({ ok: true, normalized: { scores: { a: 5, b: 0, c: 3 } } });
	});

	it('refuses an unknown grade name with unknown_grade', () => {
		const choice = { scores: { a: 'superb' } } as unknown as Choice;
		expect(validateChoice(pollOf('majority_judgment'), abc, choice)).toMatchObject({
			code: 'unknown_grade'
		});
	});

	it('refuses an empty score ballot and a score for an unknown option', () => {
		expect(validateChoice(pollOf('score'), abc, { scores: {} })).toMatchObject({
			code: 'empty_choice'
		});
		expect(validateChoice(pollOf('score'), abc, { scores: { z: 1 } })).toMatchObject({
			code: 'unknown_option'
		});
	});

	it('accepts several dots on one option and drops options given none', () => {
		const poll = pollOf('dots', { dots: 5 });
		expect(validateChoice(poll, abc, { dots: { a: 3, b: 0, c: 2 } })).toEqual({
			ok: true,
			normalized: { dots: { a: 3, c: 2 } }
		});
	});

	it('refuses more dots than each voter has with dots_exceeded and the budget', () => {
		const poll = pollOf('dots', { dots: 5 });
		expect(validateChoice(poll, abc, { dots: { a: 4, b: 2 } })).toEqual({
			ok: false,
			code: 'dots_exceeded',
			params: { max: 5 }
		});
	});

	it('refuses negative or fractional dots with dots_invalid and no dots at all with empty_choice', () => {
		const poll = pollOf('dots', { dots: 5 });
		expect(validateChoice(poll, abc, { dots: { a: -1 } })).toMatchObject({ code: 'dots_invalid' });
		expect(validateChoice(poll, abc, { dots: { a: 1.5 } })).toMatchObject({ code: 'dots_invalid' });
		expect(validateChoice(poll, abc, { dots: { a: 0 } })).toMatchObject({ code: 'empty_choice' });
		expect(validateChoice(poll, abc, { dots: { q: 1 } })).toMatchObject({ code: 'unknown_option' });
	});

	it('validates a nomination ballot with the method of its vote phase', () => {
		const voting = pollOf('nomination', {
			nomination: { phase: 'vote', voteMethod: 'ranked', scope: 'none' }
		});
		expect(validateChoice(voting, abc, { ranking: ['b'] }).ok).toBe(true);
		expect(validateChoice(voting, abc, { optionId: 'b' })).toMatchObject({
			code: 'wrong_shape_for_method'
		});
	});

	it('refuses any ballot while a nomination is still collecting proposals', () => {
		const proposing = pollOf('nomination', {
			nomination: { phase: 'proposal', voteMethod: 'single', scope: 'none' }
		});
		expect(validateChoice(proposing, abc, { optionId: 'a' })).toMatchObject({
			code: 'nomination_proposal_phase'
		});
	});
});

describe('checkCanVote', () => {
	const open = { status: 'open' as const, closesAt: null };

	it('lets a participant vote in an open poll', () => {
		expect(checkCanVote(pollOf('single'), open, 'participant', 0)).toEqual({ ok: true });
	});

	it('refuses a ballot for a draft or closed poll with poll_not_open', () => {
		for (const status of ['draft', 'closed', 'published'] as const)
			expect(checkCanVote(pollOf('single'), { status, closesAt: null }, 'participant', 0)).toEqual({
				ok: false,
				code: 'poll_not_open'
			});
	});

	it('refuses a ballot arriving after the countdown ended, even before the timer closed the poll', () => {
		const state = { status: 'open' as const, closesAt: 1_000 };
		expect(checkCanVote(pollOf('single'), state, 'participant', 999).ok).toBe(true);
		expect(checkCanVote(pollOf('single'), state, 'participant', 1_000)).toMatchObject({
			code: 'poll_not_open'
		});
	});

	it('refuses observers, reviewers and the public by default with role_not_eligible', () => {
		for (const role of ['observer', 'reviewer', 'public'] as const)
			expect(checkCanVote(pollOf('single'), open, role, 0)).toMatchObject({
				code: 'role_not_eligible'
			});
	});

	it('lets reviewers vote when the poll makes them eligible', () => {
		const poll = pollOf('single', { eligibleRoles: ['reviewer'] });
		expect(checkCanVote(poll, open, 'reviewer', 0).ok).toBe(true);
		expect(checkCanVote(poll, open, 'participant', 0).ok).toBe(false);
	});
});

describe('classifyResubmission', () => {
	it('treats the same ballot id sent again as an idempotent repeat', () => {
		expect(classifyResubmission(false, 'b1', 'b1')).toEqual({ ok: true, kind: 'repeat' });
	});

	it('replaces an earlier ballot only when changes are allowed', () => {
		expect(classifyResubmission(true, 'b1', 'b2')).toEqual({ ok: true, kind: 'replace' });
		expect(classifyResubmission(false, 'b1', 'b2')).toEqual({
			ok: false,
			code: 'ballot_change_not_allowed'
		});
	});

	it('accepts a first ballot', () => {
		expect(classifyResubmission(false, null, 'b1')).toEqual({ ok: true, kind: 'first' });
	});
});

describe('validateRoomCounts', () => {
	it('accepts show-of-hands counts and fills missing options with 0', () => {
		expect(validateRoomCounts(pollOf('single'), abc, { a: 12, c: 3 }, 20)).toEqual({
			ok: true,
			counts: { a: 12, b: 0, c: 3 }
		});
	});

	it('refuses hands counted for a ranked, score or majority-judgment poll', () => {
		for (const method of ['ranked', 'score', 'majority_judgment'] as const)
			expect(validateRoomCounts(pollOf(method), abc, { a: 1 })).toMatchObject({
				code: 'room_counts_not_supported'
			});
	});

	it('refuses negative counts and more single-choice hands than people counted', () => {
		expect(validateRoomCounts(pollOf('single'), abc, { a: -2 })).toMatchObject({
			code: 'room_count_invalid'
		});
		expect(validateRoomCounts(pollOf('single'), abc, { a: 8, b: 5 }, 10)).toMatchObject({
			code: 'room_count_invalid'
		});
		expect(validateRoomCounts(pollOf('multiple'), abc, { a: 8, b: 5 }, 10).ok).toBe(true);
		expect(validateRoomCounts(pollOf('multiple'), abc, { a: 11 }, 10).ok).toBe(false);
		expect(validateRoomCounts(pollOf('single'), abc, { z: 1 })).toMatchObject({
			code: 'unknown_option'
		});
	});
});
