// Limits on guessing (join codes, passwords), designed for a venue where everyone shares one
// address. Only failures are counted; each failure beyond a free allowance pushes the next
// evaluated attempt of that scope further away (1 s, 2 s, 4 s … up to a cap), and failures drain
// away at a steady rate, so a burst of mistakes slows a scope down and never locks it out.

/** How one scope (an address, the whole server, an account) pays for its failures. */
export interface GuessRule {
	/** Failures answered at full speed before any delay. */
	free: number;
	/** Failures forgotten per minute (the score drains linearly). */
	drainPerMinute: number;
	/** Delay after the first failure beyond the free allowance; doubles with each further one. */
	baseDelayMs: number;
	/** Longest delay: the scope is slowed down, never locked out. */
	maxDelayMs: number;
}

/** What a store keeps per scope. `score` is the failure count after draining, as of `at`. */
export interface FailureState {
	score: number;
	at: number;
	/** No attempt of this scope is evaluated before this instant (ms since the epoch). */
	blockedUntil: number;
}

const MINUTE = 60_000;

/**
 * The figures, and why (docs/api.md « Limits »). Join codes have 27⁶ ≈ 387 million values:
 * the server-wide drain bounds a distributed guesser to about 28,800 guesses a day, a chance
 * of about 1 in 13,000 per open workshop per day.
 */
export const GUESS_RULES = {
	/** Wrong join codes from one address: a room of 50 phones mistyping now and then stays at full speed. */
	joinAddress: { free: 30, drainPerMinute: 3, baseDelayMs: 1_000, maxDelayMs: MINUTE },
	/** Wrong join codes from every address together, so guessing does not scale with addresses. */
	joinServer: { free: 200, drainPerMinute: 20, baseDelayMs: 500, maxDelayMs: 15_000 },
	/** Wrong passwords for one account, whatever the device or address. */
	loginAccount: { free: 5, drainPerMinute: 0.2, baseDelayMs: 2_000, maxDelayMs: 5 * MINUTE },
	/** Failed sign-ins from one address, whichever the accounts (password spraying). */
	loginAddress: { free: 30, drainPerMinute: 3, baseDelayMs: 1_000, maxDelayMs: MINUTE },
	/**
	 * One account from one address: applies even where the account is known (see `decideAttempt`),
	 * so someone at the owner's own venue is slowed down too.
	 */
	loginPair: { free: 10, drainPerMinute: 1, baseDelayMs: 1_000, maxDelayMs: 30_000 }
} as const satisfies Record<string, GuessRule>;

export type GuessScope = keyof typeof GUESS_RULES;

/** How long the next attempt must wait after a failure that brought the score to `score`. */
export function delayAfter(score: number, rule: GuessRule): number {
	const excess = Math.ceil(score - rule.free);
	if (excess <= 0) return 0;
	// 2^(excess-1) overflows to Infinity long after it passes the cap; min() keeps it finite.
	return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** (excess - 1));
}

/** The score at `now`, after draining since the last failure. */
export function drained(state: FailureState | null, now: number, rule: GuessRule): number {
	if (!state) return 0;
	const elapsed = Math.max(0, now - state.at);
	return Math.max(0, state.score - (elapsed * rule.drainPerMinute) / MINUTE);
}

/** One more failure: what every store computes (the SQL and Redis stores do it atomically). */
export function afterFailure(
	state: FailureState | null,
	now: number,
	rule: GuessRule
): FailureState {
	const score = drained(state, now, rule) + 1;
	return {
		score,
		at: now,
		blockedUntil: Math.max(state?.blockedUntil ?? 0, now + delayAfter(score, rule))
	};
}

/** Milliseconds to wait before the scope may be evaluated again; 0 when it may now. */
export function waitFor(state: FailureState | null, now: number): number {
	return state ? Math.max(0, state.blockedUntil - now) : 0;
}

/** When a stored state can be forgotten: drained to zero and no longer blocking. */
export function forgetAt(state: FailureState, rule: GuessRule): number {
	const drainMs = (state.score / rule.drainPerMinute) * MINUTE;
	return Math.ceil(Math.max(state.at + drainMs, state.blockedUntil));
}

export type AttemptDecision = { evaluate: true } | { evaluate: false; retryAfterMs: number };

/**
 * Whether to look at an attempt at all. `strict` waits (e.g. one account from one address) always
 * apply; `shared` waits (an address, the server, an account) are waived when the attempt comes
 * from an address already known for its subject — the venue where the workshop's code is on the
 * projector, or where the account signed in before — so someone else's wrong guesses never keep
 * a valid code or a right password out there. Elsewhere the attempt waits: answering it would tell
 * a guesser whether the code or password was right.
 */
export function decideAttempt(input: {
	strictWaitMs?: number;
	sharedWaitMs: number;
	knownAddress: boolean;
}): AttemptDecision {
	const strict = input.strictWaitMs ?? 0;
	if (strict > 0) return { evaluate: false, retryAfterMs: strict };
	if (input.sharedWaitMs > 0 && !input.knownAddress) {
		return { evaluate: false, retryAfterMs: input.sharedWaitMs };
	}
	return { evaluate: true };
}

/** Whole seconds for a Retry-After header and the message: never 0 while waiting. */
export function retryAfterSeconds(ms: number): number {
	return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * The most attempts one scope can have evaluated in any window of `windowMs`, against a guesser
 * who retries at the first instant allowed (simulated over `horizonMs`). Used by the tests and
 * quoted in the docs; the free allowance makes the first window the worst.
 */
export function maxEvaluatedPerWindow(
	rule: GuessRule,
	windowMs: number,
	horizonMs = 60 * MINUTE
): number {
	const times: number[] = [];
	let state: FailureState | null = null;
	let t = 0;
	while (t <= horizonMs) {
		times.push(t);
		state = afterFailure(state, t, rule);
		// An attempt at the same instant as the previous one, when nothing blocks (free allowance).
		t = Math.max(t, state.blockedUntil);
	}
	let best = 0;
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}
