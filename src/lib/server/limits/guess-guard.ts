// The guessing limits at the doors where a secret is tried: join codes and passwords. Only
// failures are kept; the rules (delays, when an address is let through) are the domain's
// (src/lib/domain/guess-limits.ts); this module claims, refunds and records around one attempt.
import {
	GUESS_RULES,
	decideAttempt,
	retryAfterSeconds,
	type GuessScope
} from '../../domain/guess-limits';
import { ServiceError } from '../services/service-error';
import type { LimitStore } from './limit-store';

/** A venue is remembered for a week (a bootcamp runs several days), an account's address a month. */
const VENUE_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;
const ACCOUNT_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

/** The refusals a join counts as a failed guess (a code that let no one in). */
export const FAILED_JOIN_CODES = ['join_code_unknown', 'joining_closed', 'workshop_ended'];

type Scope = [GuessScope, string];

const failKey = ([scope, subject]: Scope) => `fail:${scope}:${subject}`;
const venueKey = (workshopId: string, address: string) => `known:ws:${workshopId}:${address}`;
const accountKey = (email: string, address: string) => `known:acct:${email}:${address}`;

/** What the door reports once it knows whether the secret was right. */
export interface Attempt {
	succeeded(): Promise<void>;
	failed(): Promise<void>;
}

export function createGuessGuard(deps: {
	store: LimitStore;
	/** The workshop a join code belongs to, if any (only asked while the scope is slowed down). */
	findWorkshopId: (code: string) => Promise<string | null>;
	now: () => number;
}) {
	const { store, findWorkshopId, now } = deps;

	function refuse(retryAfterMs: number): never {
		throw new ServiceError('too_many_attempts', {
			params: { seconds: retryAfterSeconds(retryAfterMs) }
		});
	}

	/**
	 * Claims every scope of one attempt (each claim counts a failure in advance, so concurrent
	 * attempts cannot all slip through), or throws `too_many_attempts`. `strict` scopes must all
	 * be free; `shared` ones may be waived by `known()` (see `decideAttempt`).
	 */
	async function begin(
		strict: Scope[],
		shared: Scope[],
		known: () => Promise<boolean>
	): Promise<Attempt> {
		const t = now();
		const held: { scope: Scope; heldUntil: number }[] = [];
		const waived: Scope[] = [];
		const release = () =>
			Promise.all(
				held.map(({ scope, heldUntil }) =>
					store.refund(failKey(scope), heldUntil, GUESS_RULES[scope[0]], now())
				)
			);
		let strictWaitMs = 0;
		let sharedWaitMs = 0;
		let knownAddress: boolean | undefined;
		for (const scope of [...strict, ...shared]) {
			const claim = await store.claim(failKey(scope), GUESS_RULES[scope[0]], t);
			if (claim.ok) {
				held.push({ scope, heldUntil: claim.heldUntil });
				continue;
			}
			if (strict.includes(scope)) {
				strictWaitMs = claim.blockedUntil - t;
				break;
			}
			sharedWaitMs = Math.max(sharedWaitMs, claim.blockedUntil - t);
			waived.push(scope);
			// Asked once, at the first shared wait: a stranger is refused without claiming further.
			knownAddress ??= await known();
			if (!knownAddress) break;
		}
		const decision = decideAttempt({
			strictWaitMs,
			sharedWaitMs,
			knownAddress: knownAddress ?? false
		});
		if (!decision.evaluate) {
			await release();
			refuse(decision.retryAfterMs);
		}
		return {
			// The failures were counted by the claims; scopes let through by a known address count now.
			failed: async () => {
				await Promise.all(
					waived.map((scope) => store.fail(failKey(scope), GUESS_RULES[scope[0]], now()))
				);
			},
			succeeded: async () => {
				await release();
			}
		};
	}

	return {
		/** Before a join code is looked at; throws `too_many_attempts` when it must wait. */
		beginJoin(address: string, code: string): Promise<Attempt> {
			return begin(
				[],
				[
					['joinAddress', address],
					['joinServer', 'all']
				],
				async () => {
					const workshopId = code ? await findWorkshopId(code) : null;
					return workshopId ? store.isRemembered(venueKey(workshopId, address), now()) : false;
				}
			);
		},
		/**
		 * The address is now known for this workshop: its people read the code off the projector,
		 * so letting them through while guessers are slowed down gives nothing away.
		 */
		rememberVenue(workshopId: string, address: string) {
			const t = now();
			return store.remember(venueKey(workshopId, address), t + VENUE_MEMORY_MS, t);
		},

		/** Before a password is checked; throws `too_many_attempts` when it must wait. */
		beginSignIn(address: string, email: string): Promise<Attempt> {
			return begin(
				[['loginPair', `${email}|${address}`]],
				[
					['loginAccount', email],
					['loginAddress', address]
				],
				() => store.isRemembered(accountKey(email, address), now())
			);
		},
		rememberAccountAddress(address: string, email: string) {
			const t = now();
			return store.remember(accountKey(email, address), t + ACCOUNT_MEMORY_MS, t);
		},

		/** Sign-up tries no secret, but "e-mail taken" answers tell which accounts exist. */
		beginSignUp(address: string): Promise<Attempt> {
			return begin([], [['loginAddress', address]], async () => false);
		},

		close: () => store.close()
	};
}

export type GuessGuard = ReturnType<typeof createGuessGuard>;
