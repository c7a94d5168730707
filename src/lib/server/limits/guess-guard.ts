// The guessing limits at the doors where a secret is tried: join codes and passwords. Only
// failures are recorded; the rules (delays, when an address is let through) are the domain's
// (src/lib/domain/guess-limits.ts); this module reads and writes the store around one attempt.
import {
	GUESS_RULES,
	decideAttempt,
	retryAfterSeconds,
	waitFor,
	type GuessScope
} from '../../domain/guess-limits';
import { ServiceError } from '../services/service-error';
import type { LimitStore } from './limit-store';

/** A venue is remembered for a week (a bootcamp runs several days), an account's address a month. */
const VENUE_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;
const ACCOUNT_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

/** The refusals a join counts as a failed guess (a code that let no one in). */
export const FAILED_JOIN_CODES = ['join_code_unknown', 'joining_closed', 'workshop_ended'];

const failKey = (scope: GuessScope, subject: string) => `fail:${scope}:${subject}`;
const venueKey = (workshopId: string, address: string) => `known:ws:${workshopId}:${address}`;
const accountKey = (email: string, address: string) => `known:acct:${email}:${address}`;

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

	async function fail(scopes: [GuessScope, string][]) {
		const t = now();
		await Promise.all(
			scopes.map(([scope, subject]) => store.fail(failKey(scope, subject), GUESS_RULES[scope], t))
		);
	}

	return {
		/** Before a join code is looked at; throws `too_many_attempts` when it must wait. */
		async beforeJoin(address: string, code: string) {
			const t = now();
			const states = await store.read(
				[failKey('joinAddress', address), failKey('joinServer', 'all')],
				t
			);
			const sharedWaitMs = Math.max(...states.map((s) => waitFor(s, t)));
			if (sharedWaitMs === 0) return;
			const workshopId = code ? await findWorkshopId(code) : null;
			const knownAddress = workshopId
				? await store.isRemembered(venueKey(workshopId, address), t)
				: false;
			const decision = decideAttempt({ sharedWaitMs, knownAddress });
			if (!decision.evaluate) refuse(decision.retryAfterMs);
		},
		/** A code that let no one in, from this address: counts for the address and the server. */
		joinFailed(address: string) {
			return fail([
				['joinAddress', address],
				['joinServer', 'all']
			]);
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
		async beforeSignIn(address: string, email: string) {
			const t = now();
			const [account, fromAddress, pair] = await store.read(
				[
					failKey('loginAccount', email),
					failKey('loginAddress', address),
					failKey('loginPair', `${email}|${address}`)
				],
				t
			);
			const sharedWaitMs = Math.max(waitFor(account, t), waitFor(fromAddress, t));
			const knownAddress =
				sharedWaitMs > 0 ? await store.isRemembered(accountKey(email, address), t) : false;
			const decision = decideAttempt({
				strictWaitMs: waitFor(pair, t),
				sharedWaitMs,
				knownAddress
			});
			if (!decision.evaluate) refuse(decision.retryAfterMs);
		},
		signInFailed(address: string, email: string) {
			return fail([
				['loginAccount', email],
				['loginAddress', address],
				['loginPair', `${email}|${address}`]
			]);
		},
		signInSucceeded(address: string, email: string) {
			const t = now();
			return store.remember(accountKey(email, address), t + ACCOUNT_MEMORY_MS, t);
		},

		/** Sign-up tries no secret, but "e-mail taken" answers tell which accounts exist. */
		async beforeSignUp(address: string) {
			const t = now();
			const [fromAddress] = await store.read([failKey('loginAddress', address)], t);
			const wait = waitFor(fromAddress, t);
			if (wait > 0) refuse(wait);
		},
		signUpFailed(address: string) {
			return fail([['loginAddress', address]]);
		},

		close: () => store.close()
	};
}

export type GuessGuard = ReturnType<typeof createGuessGuard>;
