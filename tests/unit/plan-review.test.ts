import { describe, expect, it } from 'vitest';
import {
	canDecide,
	canFollowUp,
	currentFollowups,
	decisionRefusal,
	isoDay,
	type FollowupEntry
} from '../../src/lib/domain/plan-review';
import { followupSchema, reviewSchema } from '../../src/lib/domain/plan-review-schemas';

const entry = (id: number, actionId: string, date: string, progress: number): FollowupEntry => ({
	id,
	actionId,
	status: 'in_progress',
	progress,
	indicatorValue: null,
	note: null,
	date
});

describe('plan review rules', () => {
	it('lets only reviewers decide, and facilitators or reviewers follow up', () => {
		expect(
			['facilitator', 'participant', 'observer', 'reviewer'].filter((r) => canDecide(r as never))
		).toEqual(['reviewer']);
		expect(
			['facilitator', 'participant', 'observer', 'reviewer'].filter((r) => canFollowUp(r as never))
		).toEqual(['facilitator', 'reviewer']);
	});

	it('never sends back an approved version, lets a mayor approve one sent back, and refuses a second signature', () => {
		expect(decisionRefusal('approved', 'request_changes', false)).toBe('already_approved');
		expect(decisionRefusal('changes_requested', 'approve', false)).toBeNull();
		expect(decisionRefusal('approved', 'approve', false)).toBeNull();
		expect(decisionRefusal('approved', 'approve', true)).toBe('already_signed');
		expect(decisionRefusal('submitted', 'request_changes', false)).toBeNull();
	});

	it('takes the newest update per action by the day it speaks of, then by entry order', () => {
		const current = currentFollowups([
			entry(1, 'a', '2027-03-01', 40),
			entry(2, 'a', '2027-02-01', 20), // typed later, but about an earlier day
			entry(3, 'b', '2027-02-01', 10),
			entry(4, 'b', '2027-02-01', 15)
		]);
		expect(current.get('a')?.progress).toBe(40);
		expect(current.get('b')?.progress).toBe(15);
		expect(current.size).toBe(2);
	});

	it('formats today as an ISO day in UTC', () => {
		expect(isoDay(Date.UTC(2027, 0, 5, 23, 59))).toBe('2027-01-05');
	});
});

describe('plan review inputs', () => {
	it('reads optional texts as absent when blank and lower-cases the hash', () => {
		const parsed = reviewSchema.parse({
			decision: 'approve',
			signatoryName: '  ',
			signatoryTitle: ' Maire ',
			hash: 'AB'.repeat(32)
		});
		expect(parsed).toMatchObject({
			signatoryName: undefined,
			signatoryTitle: 'Maire',
			hash: 'ab'.repeat(32)
		});
		expect(reviewSchema.safeParse({ decision: 'maybe' }).success).toBe(false);
	});

	it('checks a follow-up: status, progress 0–100, a real date', () => {
		expect(
			followupSchema.parse({ actionId: 'a', status: 'done', progress: '100', date: '' })
		).toMatchObject({
			progress: 100,
			date: undefined
		});
		expect(followupSchema.safeParse({ actionId: 'a', status: 'done', progress: 101 }).success).toBe(
			false
		);
		expect(followupSchema.safeParse({ actionId: 'a', status: 'done', progress: 1.5 }).success).toBe(
			false
		);
		expect(followupSchema.safeParse({ actionId: 'a', status: 'fini', progress: 10 }).success).toBe(
			false
		);
		expect(
			followupSchema.safeParse({ actionId: 'a', status: 'done', progress: 10, date: '2027-02-30' })
				.success
		).toBe(false);
	});
});
