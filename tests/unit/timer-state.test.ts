import { describe, expect, it } from 'vitest';
import {
	IDLE,
	MAX_TIMER_MS,
	TIMER_ERROR_MESSAGE_KEYS,
	extend,
	finish,
	isExpired,
	pause,
	remainingMs,
	resume,
	settle,
	start,
	timerStateSchema,
	type TimerResult,
	type TimerState
} from '../../src/lib/domain/timer-state';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

/** Unwraps a successful transition; a failure makes the test fail with its error code. */
function must(result: TimerResult): TimerState {
	if (!result.ok) throw new Error(`unexpected ${result.error}`);
	return result.timer;
}

describe('timer state machine', () => {
	it('starting an idle round sets its end from the duration', () => {
		const timer = must(start(IDLE, 10 * MIN, T0));
		expect(timer).toEqual({ state: 'running', startedAt: T0, endsAt: T0 + 10 * MIN });
		expect(remainingMs(timer, T0 + 4 * MIN)).toBe(6 * MIN);
	});

	it('a round cannot be started twice', () => {
		const running = must(start(IDLE, MIN, T0));
		expect(start(running, MIN, T0 + 1)).toEqual({ ok: false, error: 'timer_already_started' });
		const paused = must(pause(running, T0 + 10));
		expect(start(paused, MIN, T0 + 20)).toEqual({ ok: false, error: 'timer_already_started' });
	});

	it('a zero, negative, fractional or over-a-day duration is refused', () => {
		for (const ms of [0, -5, 1.5, MAX_TIMER_MS + 1, Number.NaN]) {
			expect(start(IDLE, ms, T0)).toEqual({ ok: false, error: 'timer_invalid_duration' });
		}
	});

	it('pausing keeps the time left and resuming counts it down from the resume time', () => {
		const running = must(start(IDLE, 10 * MIN, T0));
		const paused = must(pause(running, T0 + 3 * MIN));
		expect(paused).toEqual({ state: 'paused', remainingMs: 7 * MIN });
		// A long pause does not eat into the round.
		expect(remainingMs(paused, T0 + 60 * MIN)).toBe(7 * MIN);
		const resumed = must(resume(paused, T0 + 20 * MIN));
		expect(resumed).toEqual({ state: 'running', startedAt: T0 + 20 * MIN, endsAt: T0 + 27 * MIN });
	});

	it('several pause and resume cycles lose no time', () => {
		let timer = must(start(IDLE, 10 * MIN, T0));
		let now = T0;
		for (let i = 0; i < 5; i++) {
			now += MIN; // runs one minute
			timer = must(pause(timer, now));
			now += 7 * MIN; // paused, does not count
			timer = must(resume(timer, now));
		}
		expect(remainingMs(timer, now)).toBe(5 * MIN);
	});

	it('pausing a round whose time is up is refused so the facilitator extends or finishes it', () => {
		const running = must(start(IDLE, MIN, T0));
		expect(pause(running, T0 + MIN)).toEqual({ ok: false, error: 'timer_expired' });
	});

	it('resume and pause only apply to the matching state', () => {
		const running = must(start(IDLE, MIN, T0));
		expect(resume(running, T0)).toEqual({ ok: false, error: 'timer_not_paused' });
		expect(resume(IDLE, T0)).toEqual({ ok: false, error: 'timer_not_started' });
		expect(pause(IDLE, T0)).toEqual({ ok: false, error: 'timer_not_started' });
		const paused = must(pause(running, T0 + 1));
		expect(pause(paused, T0 + 2)).toEqual({ ok: false, error: 'timer_not_running' });
		const done = must(finish(running, T0 + 2));
		expect(pause(done, T0 + 3)).toEqual({ ok: false, error: 'timer_already_done' });
		expect(resume(done, T0 + 3)).toEqual({ ok: false, error: 'timer_already_done' });
	});

	it('extending a running round pushes its end back', () => {
		const running = must(start(IDLE, 10 * MIN, T0));
		const extended = must(extend(running, 5 * MIN, T0 + 2 * MIN));
		expect(extended).toEqual({ state: 'running', startedAt: T0, endsAt: T0 + 15 * MIN });
		expect(remainingMs(extended, T0 + 2 * MIN)).toBe(13 * MIN);
	});

	it('extending a paused round adds to its remaining time and keeps it paused', () => {
		const paused = must(pause(must(start(IDLE, 10 * MIN, T0)), T0 + 4 * MIN));
		const extended = must(extend(paused, MIN, T0 + 30 * MIN));
		expect(extended).toEqual({ state: 'paused', remainingMs: 7 * MIN });
	});

	it('extending a round that ran out but is not settled yet gives the full extra time from now', () => {
		const running = must(start(IDLE, MIN, T0));
		const extended = must(extend(running, MIN, T0 + 90_000));
		expect(remainingMs(extended, T0 + 90_000)).toBe(MIN);
	});

	it('extending a finished round runs it again for exactly the extra time', () => {
		const done = must(finish(must(start(IDLE, MIN, T0)), T0 + MIN));
		const again = must(extend(done, 5 * MIN, T0 + 2 * MIN));
		expect(again).toEqual({ state: 'running', startedAt: T0 + 2 * MIN, endsAt: T0 + 7 * MIN });
	});

	it('an idle round cannot be extended and extensions must be positive', () => {
		expect(extend(IDLE, MIN, T0)).toEqual({ ok: false, error: 'timer_not_started' });
		const running = must(start(IDLE, MIN, T0));
		expect(extend(running, -MIN, T0)).toEqual({ ok: false, error: 'timer_invalid_duration' });
		expect(extend(running, MAX_TIMER_MS, T0)).toEqual({
			ok: false,
			error: 'timer_invalid_duration'
		});
	});

	it('finishing early records when, without overrun', () => {
		const running = must(start(IDLE, 10 * MIN, T0));
		expect(must(finish(running, T0 + 3 * MIN))).toEqual({
			state: 'done',
			finishedAt: T0 + 3 * MIN
		});
	});

	it('finishing after the end records by how much the round overran', () => {
		const running = must(start(IDLE, 10 * MIN, T0));
		expect(must(finish(running, T0 + 12 * MIN))).toEqual({
			state: 'done',
			finishedAt: T0 + 12 * MIN,
			overranMs: 2 * MIN
		});
	});

	it('a round can be finished without being run, but not finished twice', () => {
		const done = must(finish(IDLE, T0));
		expect(done).toEqual({ state: 'done', finishedAt: T0 });
		expect(finish(done, T0 + 1)).toEqual({ ok: false, error: 'timer_already_done' });
		expect(start(done, MIN, T0 + 1)).toEqual({ ok: false, error: 'timer_already_done' });
	});

	it('a running round is expired exactly from its end time, and remaining time never goes negative', () => {
		const running = must(start(IDLE, MIN, T0));
		expect(isExpired(running, T0 + MIN - 1)).toBe(false);
		expect(isExpired(running, T0 + MIN)).toBe(true);
		expect(remainingMs(running, T0 + 5 * MIN)).toBe(0);
		expect(isExpired(IDLE, T0)).toBe(false);
		expect(remainingMs(IDLE, T0)).toBeNull();
	});

	it('settling an overdue round after a restart dates its end at the bell, not at the restart', () => {
		const running = must(start(IDLE, MIN, T0));
		expect(settle(running, T0 + 30 * MIN)).toEqual({ state: 'done', finishedAt: T0 + MIN });
		expect(settle(running, T0 + 1000)).toBe(running);
	});

	it('a timer survives a JSON round trip (database and restart) unchanged', () => {
		const states: TimerState[] = [
			IDLE,
			must(start(IDLE, MIN, T0)),
			must(pause(must(start(IDLE, MIN, T0)), T0 + 10)),
			must(finish(must(start(IDLE, MIN, T0)), T0 + 2 * MIN))
		];
		for (const state of states) {
			const stored = JSON.parse(JSON.stringify(state));
			expect(timerStateSchema.parse(stored)).toEqual(state);
		}
		expect(timerStateSchema.safeParse({ state: 'running', endsAt: 'soon' }).success).toBe(false);
	});

	it('every error code has a message key in the agenda catalog namespace', () => {
		for (const key of Object.values(TIMER_ERROR_MESSAGE_KEYS))
			expect(key).toMatch(/^agenda_error_/);
	});
});
