import { describe, expect, it } from 'vitest';
import {
	emptyQueue,
	endTurn,
	giveFloor,
	lower,
	orderedQueue,
	queuePosition,
	raise,
	react,
	reactionCounts,
	setFirstTimersFirst,
	type QueueResult,
	type ReactionsState,
	type SpeakingQueueState
} from '../../src/lib/domain/speaking-queue';

const T0 = 1_700_000_000_000;

function must<T extends object>(result: QueueResult<T>): SpeakingQueueState & T {
	if (!result.ok) throw new Error(`unexpected ${result.error}`);
	const { ok: _ok, state, ...rest } = result;
	return { ...state, ...(rest as unknown as T) };
}

/** Raises hands in the given order, one second apart. */
function raised(state: SpeakingQueueState, ...members: string[]): SpeakingQueueState {
	return members.reduce((s, m, i) => must(raise(s, m, T0 + i * 1000)), state);
}

const order = (state: SpeakingQueueState) => orderedQueue(state).map((e) => e.memberId);

/** Gives the floor to `member` for `seconds`, then ends the turn. */
function speak(state: SpeakingQueueState, member: string, at: number, seconds: number) {
	const speaking = must(giveFloor(state, at, member));
	return must(endTurn(speaking, at + seconds * 1000));
}

describe('speaking queue', () => {
	it('hands are served in the order they were raised', () => {
		const state = raised(emptyQueue(), 'awa', 'ibrahim', 'fatou');
		expect(order(state)).toEqual(['awa', 'ibrahim', 'fatou']);
		expect(queuePosition(state, 'fatou')).toBe(3);
		expect(queuePosition(state, 'nobody')).toBeNull();
	});

	it('raising a hand twice is refused, and lowering it removes it', () => {
		const state = raised(emptyQueue(), 'awa');
		expect(raise(state, 'awa', T0 + 5)).toEqual({ ok: false, error: 'queue_already_waiting' });
		expect(must(lower(state, 'awa')).waiting).toEqual([]);
		expect(lower(state, 'moussa')).toEqual({ ok: false, error: 'queue_not_waiting' });
	});

	it('giving the floor by default takes the head of the queue and removes them from it', () => {
		const state = must(giveFloor(raised(emptyQueue(), 'awa', 'ibrahim'), T0 + 10_000));
		expect(state.current).toEqual({ memberId: 'awa', startedAt: T0 + 10_000 });
		expect(order(state)).toEqual(['ibrahim']);
		expect(raise(state, 'awa', T0 + 11_000)).toEqual({
			ok: false,
			error: 'queue_already_speaking'
		});
	});

	it('the floor can be given to someone who did not raise their hand', () => {
		const state = must(giveFloor(raised(emptyQueue(), 'awa'), T0, 'le_maire'));
		expect(state.current?.memberId).toBe('le_maire');
		expect(order(state)).toEqual(['awa']);
	});

	it('an empty queue has no next speaker and ending a turn needs a speaker', () => {
		expect(giveFloor(emptyQueue(), T0)).toEqual({ ok: false, error: 'queue_empty' });
		expect(endTurn(emptyQueue(), T0)).toEqual({ ok: false, error: 'queue_no_speaker' });
	});

	it('ending a turn records its duration and adds up each member’s speaking time', () => {
		let state = raised(emptyQueue(), 'awa');
		state = speak(state, 'awa', T0 + 10_000, 90);
		const again = must(giveFloor(state, T0 + 200_000, 'awa'));
		const ended = must(endTurn(again, T0 + 230_000));
		expect(ended.turn).toEqual({
			memberId: 'awa',
			startedAt: T0 + 200_000,
			endedAt: T0 + 230_000,
			durationMs: 30_000
		});
		expect(ended.speakers.awa).toEqual({ turns: 2, spokenMs: 120_000 });
		expect(ended.current).toBeNull();
	});

	it('giving the floor to the next person ends the current turn and reports it', () => {
		const state = must(giveFloor(raised(emptyQueue(), 'awa', 'ibrahim'), T0));
		const next = must(giveFloor(state, T0 + 45_000));
		expect(next.ended).toMatchObject({ memberId: 'awa', durationMs: 45_000 });
		expect(next.current?.memberId).toBe('ibrahim');
		expect(next.speakers.awa).toEqual({ turns: 1, spokenMs: 45_000 });
	});

	it('with first-speaker priority, people who have not spoken yet go first', () => {
		let state = emptyQueue({ firstTimersFirst: true });
		state = speak(state, 'ibrahim', T0, 60);
		state = speak(state, 'moussa', T0 + 100_000, 60);
		state = raised(state, 'ibrahim', 'awa', 'moussa', 'fatou');
		expect(order(state)).toEqual(['awa', 'fatou', 'ibrahim', 'moussa']);
		expect(must(giveFloor(state, T0 + 300_000)).current?.memberId).toBe('awa');
	});

	it('first-speaker priority keeps arrival order within each group and can be switched off', () => {
		let state = emptyQueue();
		state = speak(state, 'c', T0, 10);
		state = speak(state, 'a', T0 + 20_000, 10);
		state = raised(state, 'a', 'x', 'c', 'y', 'z');
		expect(order(state)).toEqual(['a', 'x', 'c', 'y', 'z']);
		const prioritized = setFirstTimersFirst(state, true);
		expect(order(prioritized)).toEqual(['x', 'y', 'z', 'a', 'c']);
		expect(order(setFirstTimersFirst(prioritized, false))).toEqual(['a', 'x', 'c', 'y', 'z']);
	});

	it('a clock stepping backwards never subtracts speaking time', () => {
		const state = must(giveFloor(raised(emptyQueue(), 'awa'), T0 + 5000));
		expect(must(endTurn(state, T0)).turn.durationMs).toBe(0);
	});

	it('the queue state survives a JSON round trip', () => {
		const state = must(giveFloor(raised(emptyQueue({ firstTimersFirst: true }), 'a', 'b'), T0));
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
	});
});

describe('reactions', () => {
	it('reactions are counted while recent and forgotten after the window', () => {
		let state: ReactionsState = { recent: [] };
		state = react(state, 'awa', 'thumbs_up', T0);
		state = react(state, 'ibrahim', 'thumbs_up', T0 + 1000);
		state = react(state, 'fatou', 'question', T0 + 2000);
		expect(reactionCounts(state, T0 + 3000)).toEqual({ thumbs_up: 2, hand: 0, question: 1 });
		expect(reactionCounts(state, T0 + 16_500)).toEqual({ thumbs_up: 0, hand: 0, question: 1 });
		state = react(state, 'moussa', 'hand', T0 + 30_000);
		expect(state.recent).toHaveLength(1);
	});

	it('repeating the same reaction does not count twice', () => {
		let state: ReactionsState = { recent: [] };
		for (let i = 0; i < 10; i++) state = react(state, 'awa', 'thumbs_up', T0 + i * 100);
		state = react(state, 'awa', 'question', T0 + 2000);
		expect(reactionCounts(state, T0 + 2000)).toEqual({ thumbs_up: 1, hand: 0, question: 1 });
	});
});
