// What the guessing limits need from storage: one contract, two stores (the database's
// `guess_limits` table, or Redis when REDIS_URL is set), tested by one suite
// (tests/integration/limit-stores.test.ts) against the domain's rules.
import type { FailureState, GuessRule } from '../../domain/guess-limits';

export type Claim = { ok: true; heldUntil: number } | { ok: false; blockedUntil: number };

export interface LimitStore {
	/** The stored state of each key, or null where there is none (or it has expired). */
	read(keys: string[], now: number): Promise<(FailureState | null)[]>;
	/**
	 * Takes the right to look at one attempt, atomically even with several instances: refused
	 * while the key is blocked; otherwise the attempt is counted as a failure in advance
	 * (`afterFailure` of src/lib/domain/guess-limits.ts, the block set from `now`), so that
	 * concurrent attempts cannot all slip through before the first one's outcome is known.
	 */
	claim(key: string, rule: GuessRule, now: number): Promise<Claim>;
	/** The attempt succeeded: takes back its failure, and its block if nobody extended it since. */
	refund(key: string, heldUntil: number, rule: GuessRule, now: number): Promise<void>;
	/** Adds one failure whatever the block (an attempt let through by a known address). */
	fail(key: string, rule: GuessRule, now: number): Promise<FailureState>;
	/** Remembers `key` (an address known for a workshop or an account) until `until`. */
	remember(key: string, until: number, now: number): Promise<void>;
	isRemembered(key: string, now: number): Promise<boolean>;
	close(): Promise<void>;
}
