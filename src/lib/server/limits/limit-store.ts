// What the guessing limits need from storage: one contract, two stores (the database's
// `guess_limits` table, or Redis when REDIS_URL is set), tested by one suite
// (tests/integration/limit-stores.test.ts).
import type { FailureState, GuessRule } from '../../domain/guess-limits';

export interface LimitStore {
	/** The stored state of each key, or null where there is none (or it has expired). */
	read(keys: string[], now: number): Promise<(FailureState | null)[]>;
	/**
	 * Adds one failure to `key`, atomically even with several instances: the score drains as
	 * `afterFailure` in src/lib/domain/guess-limits.ts says, and the block is extended, never
	 * shortened.
	 */
	fail(key: string, rule: GuessRule, now: number): Promise<FailureState>;
	/** Remembers `key` (an address known for a workshop or an account) until `until`. */
	remember(key: string, until: number, now: number): Promise<void>;
	isRemembered(key: string, now: number): Promise<boolean>;
	close(): Promise<void>;
}
