// Server-authoritative clock of one agenda round. Plain JSON (stored as-is in the database, so a
// restart resumes it), pure transitions that take `now` in ms and never throw: an intent that does
// not apply to the current state comes back as an error code the edge translates.
import { z } from 'zod';

/**
 * - `running.startedAt` is when the current running stretch began (start, resume, or extend from
 *   done); the round's whole history is the audit log's business, not the timer's.
 * - `done.overranMs` is set when a facilitator finishes a round after its end time had passed
 *   (the room kept talking); an automatic end (`settle`) never overruns.
 */
export type TimerState =
	| { state: 'idle' }
	| { state: 'running'; startedAt: number; endsAt: number }
	| { state: 'paused'; remainingMs: number }
	| { state: 'done'; finishedAt: number; overranMs?: number };

export type TimerStateName = TimerState['state'];

export const TIMER_STATE_MESSAGE_KEYS = {
	idle: 'agenda_timer_state_idle',
	running: 'agenda_timer_state_running',
	paused: 'agenda_timer_state_paused',
	done: 'agenda_timer_state_done'
} as const satisfies Record<TimerStateName, `agenda_${string}`>;

export const TIMER_ERRORS = {
	alreadyStarted: 'timer_already_started',
	alreadyDone: 'timer_already_done',
	notStarted: 'timer_not_started',
	notRunning: 'timer_not_running',
	notPaused: 'timer_not_paused',
	expired: 'timer_expired',
	invalidDuration: 'timer_invalid_duration'
} as const;

export type TimerError = (typeof TIMER_ERRORS)[keyof typeof TIMER_ERRORS];

export const TIMER_ERROR_MESSAGE_KEYS = {
	timer_already_started: 'agenda_error_timer_already_started',
	timer_already_done: 'agenda_error_timer_already_done',
	timer_not_started: 'agenda_error_timer_not_started',
	timer_not_running: 'agenda_error_timer_not_running',
	timer_not_paused: 'agenda_error_timer_not_paused',
	timer_expired: 'agenda_error_timer_expired',
	timer_invalid_duration: 'agenda_error_timer_invalid_duration'
} as const satisfies Record<TimerError, `agenda_${string}`>;

export type TimerResult = { ok: true; timer: TimerState } | { ok: false; error: TimerError };

/** A round (even after extensions) never lasts more than a day: rejects runaway custom values. */
export const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

export const IDLE: TimerState = { state: 'idle' };

const ok = (timer: TimerState): TimerResult => ({ ok: true, timer });
const fail = (error: TimerError): TimerResult => ({ ok: false, error });

function isValidDuration(ms: number): boolean {
	return Number.isSafeInteger(ms) && ms > 0 && ms <= MAX_TIMER_MS;
}

export function start(timer: TimerState, durationMs: number, now: number): TimerResult {
	if (timer.state === 'running' || timer.state === 'paused') return fail('timer_already_started');
	// A finished round gets more time through `extend`; restarting it from scratch is "go to".
	if (timer.state === 'done') return fail('timer_already_done');
	if (!isValidDuration(durationMs)) return fail('timer_invalid_duration');
	return ok({ state: 'running', startedAt: now, endsAt: now + durationMs });
}

export function pause(timer: TimerState, now: number): TimerResult {
	if (timer.state !== 'running') return fail(notRunningError(timer));
	// Pausing at 00:00 would freeze a round nobody can see end: the caller should finish or extend.
	if (isExpired(timer, now)) return fail('timer_expired');
	return ok({ state: 'paused', remainingMs: timer.endsAt - now });
}

export function resume(timer: TimerState, now: number): TimerResult {
	if (timer.state === 'paused') {
		return ok({ state: 'running', startedAt: now, endsAt: now + timer.remainingMs });
	}
	if (timer.state === 'running') return fail('timer_not_paused');
	return fail(timer.state === 'idle' ? 'timer_not_started' : 'timer_already_done');
}

/**
 * Adds `ms` to the time left.
 * - running: the extra time counts from `max(endsAt, now)`, so +1 min on a round that already hit
 *   zero (and that the server has not settled yet) really gives one more minute;
 * - paused: added to `remainingMs`, the round stays paused;
 * - done: the round runs again for exactly `ms` from `now` ("encore 5 minutes" after the bell);
 * - idle: refused, there is nothing to extend (start it instead).
 */
export function extend(timer: TimerState, ms: number, now: number): TimerResult {
	if (!isValidDuration(ms)) return fail('timer_invalid_duration');
	switch (timer.state) {
		case 'idle':
			return fail('timer_not_started');
		case 'running': {
			const endsAt = Math.max(timer.endsAt, now) + ms;
			if (endsAt - now > MAX_TIMER_MS) return fail('timer_invalid_duration');
			return ok({ state: 'running', startedAt: timer.startedAt, endsAt });
		}
		case 'paused': {
			const remainingMs = timer.remainingMs + ms;
			if (remainingMs > MAX_TIMER_MS) return fail('timer_invalid_duration');
			return ok({ state: 'paused', remainingMs });
		}
		case 'done':
			return ok({ state: 'running', startedAt: now, endsAt: now + ms });
	}
}

/**
 * The facilitator ends the round (early, on time or late). Allowed from idle too, so a round can
 * be closed without being run (its end-of-round effects still apply).
 */
export function finish(timer: TimerState, now: number): TimerResult {
	if (timer.state === 'done') return fail('timer_already_done');
	if (timer.state === 'running' && now > timer.endsAt) {
		return ok({ state: 'done', finishedAt: now, overranMs: now - timer.endsAt });
	}
	return ok({ state: 'done', finishedAt: now });
}

/**
 * Ends a running timer whose time is up, dated at its `endsAt` rather than at `now`: after a
 * restart the server settles overdue rounds and the record shows when the bell actually rang.
 * Any other state is returned unchanged.
 */
export function settle(timer: TimerState, now: number): TimerState {
	if (timer.state === 'running' && isExpired(timer, now)) {
		return { state: 'done', finishedAt: timer.endsAt };
	}
	return timer;
}

/** Time left: clamped at 0 once a running round passes its end; `null` for a round not started. */
export function remainingMs(timer: TimerState, now: number): number | null {
	switch (timer.state) {
		case 'idle':
			return null;
		case 'running':
			return Math.max(0, timer.endsAt - now);
		case 'paused':
			return timer.remainingMs;
		case 'done':
			return 0;
	}
}

/** True only for a running timer past its end, i.e. one the server still has to settle. */
export function isExpired(timer: TimerState, now: number): boolean {
	return timer.state === 'running' && now >= timer.endsAt;
}

function notRunningError(timer: TimerState): TimerError {
	if (timer.state === 'idle') return 'timer_not_started';
	if (timer.state === 'done') return 'timer_already_done';
	return 'timer_not_running';
}

const ms = z.number().int().nonnegative();

/** Parses a stored timer (jsonb column) so a corrupted row fails loudly instead of ticking wrong. */
export const timerStateSchema = z.discriminatedUnion('state', [
	z.object({ state: z.literal('idle') }),
	z.object({ state: z.literal('running'), startedAt: ms, endsAt: ms }),
	z.object({ state: z.literal('paused'), remainingMs: ms }),
	z.object({ state: z.literal('done'), finishedAt: ms, overranMs: ms.optional() })
]);
