// Sign-in and sign-up behind the guessing limits, shared by the JSON API and the form actions
// (same rules on both doors). Only failures are recorded (src/lib/server/limits/guess-guard.ts).
import type { RequestEvent } from '@sveltejs/kit';
import type { User } from '../repositories/users';
import { isServiceError } from '../services/service-error';
import { addressKey } from './client-key';

/** The account a sign-in is for, as the accounts are stored (trimmed, lower-cased). */
function emailOf(input: unknown): string {
	const email = (input as { email?: unknown } | null)?.email;
	return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

export async function signInWithLimits(event: RequestEvent, input: unknown): Promise<User> {
	const { app } = event.locals;
	const address = addressKey(event);
	const email = emailOf(input);
	const attempt = await app.guesses.beginSignIn(address, email);
	let user: User;
	try {
		user = await app.accounts.signIn(input);
	} catch (error) {
		if (isServiceError(error) && error.code === 'invalid_credentials') await attempt.failed();
		else await attempt.succeeded(); // not a guess (bad input): nothing to count
		throw error;
	}
	await attempt.succeeded();
	await app.guesses.rememberAccountAddress(address, email);
	return user;
}

export async function signUpWithLimits(event: RequestEvent, input: unknown): Promise<User> {
	const { app } = event.locals;
	const address = addressKey(event);
	const attempt = await app.guesses.beginSignUp(address);
	let user: User;
	try {
		user = await app.accounts.signUp(input);
	} catch (error) {
		if (isServiceError(error) && error.code === 'email_taken') await attempt.failed();
		else await attempt.succeeded();
		throw error;
	}
	await attempt.succeeded();
	await app.guesses.rememberAccountAddress(address, emailOf(input));
	return user;
}
