import { describe, expect, it } from 'vitest';
import {
	GUESS_RULES,
	afterFailure,
	decideAttempt,
	delayAfter,
	drained,
	maxEvaluatedPerWindow,
	retryAfterSeconds,
	waitFor,
	type FailureState,
	type GuessRule
} from '../../src/lib/domain/guess-limits';

const rule: GuessRule = { free: 3, drainPerMinute: 6, baseDelayMs: 1_000, maxDelayMs: 8_000 };

describe('the guessing delay schedule', () => {
	it('answers the free allowance at full speed, then doubles the delay up to the cap', () => {
		expect([1, 2, 3].map((n) => delayAfter(n, rule))).toEqual([0, 0, 0]);
		expect([4, 5, 6, 7, 8, 50].map((n) => delayAfter(n, rule))).toEqual([
			1_000, 2_000, 4_000, 8_000, 8_000, 8_000
		]);
	});

	it('never locks out: even a huge score waits at most the cap', () => {
		expect(delayAfter(1e9, GUESS_RULES.joinAddress)).toBe(GUESS_RULES.joinAddress.maxDelayMs);
		expect(Number.isFinite(delayAfter(1e9, GUESS_RULES.loginAccount))).toBe(true);
	});

	it('forgets failures at the drain rate', () => {
		const state: FailureState = { score: 6, at: 0, blockedUntil: 0 };
		expect(drained(state, 30_000, rule)).toBe(3);
		expect(drained(state, 10 * 60_000, rule)).toBe(0);
	});

	it('blocks the scope for the delay after each failure beyond the allowance, never shortening a block', () => {
		let state: FailureState | null = null;
		for (let i = 0; i < 3; i++) state = afterFailure(state, 0, rule);
		expect(waitFor(state, 0)).toBe(0);
		state = afterFailure(state, 0, rule);
		expect(waitFor(state, 0)).toBe(1_000);
		expect(waitFor(state, 400)).toBe(600);
		const longer = afterFailure({ ...state, blockedUntil: 50_000 }, 0, rule);
		expect(longer.blockedUntil).toBe(50_000);
	});

	it('bounds the attempts evaluated per minute by the allowance plus the delays that fit in it', () => {
		// 3 free, then blocks of 1, 2, 4, 8, 8 … s: 0,0,0,0 | 1 | 3 | 7 | 15 … within 60 s.
		expect(maxEvaluatedPerWindow(rule, 60_000)).toBeLessThanOrEqual(3 + 1 + 3 + 60 / 8);
		// 30 free, then at 0, 1, 3, 7, 15, 31 and 59 s (the drain shaves the last delay).
		expect(maxEvaluatedPerWindow(GUESS_RULES.joinAddress, 60_000)).toBe(37);
		expect(maxEvaluatedPerWindow(GUESS_RULES.joinServer, 60_000)).toBeLessThan(230);
	});
});

describe('whether an attempt is looked at', () => {
	it('lets an address known for the workshop or account through a shared wait, never a strict one', () => {
		expect(decideAttempt({ sharedWaitMs: 5_000, knownAddress: true })).toEqual({ evaluate: true });
		expect(decideAttempt({ sharedWaitMs: 5_000, knownAddress: false })).toEqual({
			evaluate: false,
			retryAfterMs: 5_000
		});
		expect(decideAttempt({ strictWaitMs: 2_000, sharedWaitMs: 0, knownAddress: true })).toEqual({
			evaluate: false,
			retryAfterMs: 2_000
		});
		expect(decideAttempt({ sharedWaitMs: 0, knownAddress: false })).toEqual({ evaluate: true });
	});

	it('says at least one second in Retry-After while waiting', () => {
		expect(retryAfterSeconds(1)).toBe(1);
		expect(retryAfterSeconds(1_001)).toBe(2);
	});
});
