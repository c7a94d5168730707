import { describe, expect, it } from 'vitest';
import {
	applyPollCommand,
	closeIfDue,
	closePoll,
	initialPollState,
	isParticipationVisible,
	isResultVisible,
	openPoll,
	publishPoll,
	remainingMs,
	reopenPoll,
	resultForViewer,
	revealPoll,
	type PollState
} from '../../src/lib/domain/poll-state';
import { tallyPoll } from '../../src/lib/domain/poll-tally';
import type { RevealPolicy, ViewerRole } from '../../src/lib/domain/poll-types';
import { optionsOf, pollOf } from './poll-fixtures';

function must(result: { ok: true; state: PollState } | { ok: false; code: string }): PollState {
	if (!result.ok) throw new Error(`expected a transition, got ${result.code}`);
	return result.state;
}

const draft = initialPollState();
const open = must(openPoll(draft, 1_000));
const closed = must(closePoll(open, 5_000));
const published = must(publishPoll(closed, 9_000));

describe('poll lifecycle', () => {
	it('opens a draft poll and records when', () => {
		expect(open).toMatchObject({ status: 'open', openedAt: 1_000, closesAt: null });
	});

	it('opens with a countdown that ends closesInSeconds later', () => {
		const state = must(openPoll(draft, 1_000, 90));
		expect(state.closesAt).toBe(91_000);
		expect(remainingMs(state, 31_000)).toBe(60_000);
	});

	it('refuses a countdown of zero, negative or infinite seconds', () => {
		for (const s of [0, -5, Number.POSITIVE_INFINITY, Number.NaN])
			expect(openPoll(draft, 0, s)).toEqual({ ok: false, code: 'invalid_countdown' });
	});

	it('refuses to open a poll twice', () => {
		expect(openPoll(open, 2_000)).toEqual({ ok: false, code: 'poll_not_draft' });
		expect(openPoll(closed, 2_000)).toEqual({ ok: false, code: 'poll_not_draft' });
	});

	it('refuses to open a poll that has no option to vote for', () => {
		expect(openPoll(draft, 0, null, 0)).toEqual({ ok: false, code: 'poll_no_options' });
	});

	it('closes an open poll and drops its countdown', () => {
		const timed = must(openPoll(draft, 0, 60));
		expect(must(closePoll(timed, 10_000))).toMatchObject({
			status: 'closed',
			closedAt: 10_000,
			closesAt: null
		});
	});

	it('refuses to close a draft or an already closed poll', () => {
		expect(closePoll(draft, 0)).toEqual({ ok: false, code: 'poll_not_open' });
		expect(closePoll(closed, 0)).toEqual({ ok: false, code: 'poll_not_open' });
	});

	it('closes itself at the end of the countdown with the deadline as closing time', () => {
		const timed = must(openPoll(draft, 0, 60));
		expect(closeIfDue(timed, 59_999)).toBe(timed);
		expect(closeIfDue(timed, 75_000)).toMatchObject({ status: 'closed', closedAt: 60_000 });
		expect(closeIfDue(open, 10 ** 12)).toBe(open);
	});

	it('reopens a closed poll and withdraws a manual reveal', () => {
		const revealed = must(revealPoll(closed));
		const reopened = must(reopenPoll(revealed, 6_000, 30));
		expect(reopened).toMatchObject({
			status: 'open',
			revealed: false,
			closedAt: null,
			closesAt: 36_000,
			openedAt: 1_000
		});
	});

	it('refuses to reopen an open, draft or published poll', () => {
		expect(reopenPoll(open, 0)).toEqual({ ok: false, code: 'poll_not_closed' });
		expect(reopenPoll(draft, 0)).toEqual({ ok: false, code: 'poll_not_closed' });
		expect(reopenPoll(published, 0)).toEqual({ ok: false, code: 'poll_published_final' });
	});

	it('publishes a closed poll, which also reveals it', () => {
		expect(published).toMatchObject({ status: 'published', revealed: true, publishedAt: 9_000 });
	});

	it('refuses to publish an open poll or publish twice', () => {
		expect(publishPoll(open, 0)).toEqual({ ok: false, code: 'poll_not_closed' });
		expect(publishPoll(published, 0)).toEqual({ ok: false, code: 'poll_published_final' });
	});

	it('reveals an open or closed poll, idempotently', () => {
		const once = must(revealPoll(open));
		expect(once.revealed).toBe(true);
		expect(must(revealPoll(once))).toBe(once);
		expect(must(revealPoll(closed)).revealed).toBe(true);
	});

	it('refuses to reveal a draft', () => {
		expect(revealPoll(draft)).toEqual({ ok: false, code: 'poll_draft_cannot_reveal' });
	});

	it('applies commands the same way as the transition functions', () => {
		expect(applyPollCommand(draft, { type: 'open', now: 1_000 })).toEqual(openPoll(draft, 1_000));
		expect(applyPollCommand(open, { type: 'close', now: 5_000 })).toEqual(closePoll(open, 5_000));
		expect(applyPollCommand(closed, { type: 'reopen', now: 6_000 })).toEqual(
			reopenPoll(closed, 6_000)
		);
		expect(applyPollCommand(closed, { type: 'reveal' })).toEqual(revealPoll(closed));
		expect(applyPollCommand(closed, { type: 'publish', now: 7 })).toEqual(publishPoll(closed, 7));
	});

	it('never mutates the state it is given', () => {
		const before = structuredClone(open);
		closePoll(open, 1);
		revealPoll(open);
		expect(open).toEqual(before);
	});
});

describe('result visibility', () => {
	const members: ViewerRole[] = ['facilitator', 'participant', 'observer', 'reviewer'];
	const view = (reveal: RevealPolicy, state: PollState, role: ViewerRole) =>
		isResultVisible({ ...state, reveal }, role);

	it('shows live results to every member while the poll is open, but not to the public', () => {
		for (const role of members) expect(view('live', open, role)).toBe(true);
		expect(view('live', open, 'public')).toBe(false);
	});

	it('hides after-close results from everyone, facilitators included, until the poll closes', () => {
		for (const role of members) expect(view('after_close', open, role)).toBe(false);
		for (const role of members) expect(view('after_close', closed, role)).toBe(true);
	});

	it('hides manual results from facilitators and participants until the facilitator reveals', () => {
		for (const role of members) expect(view('manual', closed, role)).toBe(false);
		const revealed = must(revealPoll(closed));
		for (const role of members) expect(view('manual', revealed, role)).toBe(true);
		expect(view('manual', revealed, 'public')).toBe(false);
	});

	it('shows after-close results early once the facilitator reveals them', () => {
		expect(view('after_close', must(revealPoll(open)), 'participant')).toBe(true);
	});

	it('hides a reopened manual poll again until a new reveal', () => {
		const reopened = must(reopenPoll(must(revealPoll(closed)), 6_000));
		expect(view('manual', reopened, 'participant')).toBe(false);
	});

	it('shows published results to everyone, the public included, whatever the policy', () => {
		for (const policy of ['live', 'after_close', 'manual'] as const)
			for (const role of [...members, 'public' as const])
				expect(view(policy, published, role)).toBe(true);
	});

	it('shows nothing of a draft, even with a live policy', () => {
		for (const role of members) expect(view('live', draft, role)).toBe(false);
	});

	it('shows the participation count to members once open, and to the public once published', () => {
		expect(isParticipationVisible(open, 'participant')).toBe(true);
		expect(isParticipationVisible(draft, 'facilitator')).toBe(false);
		expect(isParticipationVisible(closed, 'public')).toBe(false);
		expect(isParticipationVisible(published, 'public')).toBe(true);
	});

	it('strips every count, winner and source figure from a result the viewer may not see yet', () => {
		const result = tallyPoll({
			poll: pollOf('ranked'),
			options: optionsOf('a', 'b'),
			ballots: [{ ranking: ['a', 'b'] }, { ranking: ['b'] }, { ranking: ['a'] }],
			rooms: [{ source: 'room', id: 'r', label: 'Urne', ballots: [{ ranking: ['b'] }] }]
		});
		const hidden = resultForViewer({ ...open, reveal: 'after_close' }, 'facilitator', result);
		expect(hidden).toEqual({
			hidden: true,
			method: 'ranked',
			totalBallots: 4,
			options: [
				{ id: 'a', label: 'a' },
				{ id: 'b', label: 'b' }
			]
		});
		expect(JSON.stringify(hidden)).not.toMatch(/count|winner|rounds|bySource|points/);
		const forPublic = resultForViewer({ ...closed, reveal: 'live' }, 'public', result);
		expect(forPublic).toMatchObject({ hidden: true });
		expect(forPublic).not.toHaveProperty('totalBallots');
		expect(resultForViewer({ ...closed, reveal: 'after_close' }, 'participant', result)).toEqual({
			...result,
			hidden: false
		});
	});
});
