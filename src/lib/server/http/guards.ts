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
	await app.guesses.beforeSignIn(address, email);
	try {
		const user = await app.accounts.signIn(input);
		await app.guesses.signInSucceeded(address, email);
		return user;
	} catch (error) {
		if (isServiceError(error) && error.code === 'invalid_credentials') {
			await app.guesses.signInFailed(address, email);
		}
		throw error;
	}
}

export async function signUpWithLimits(event: RequestEvent, input: unknown): Promise<User> {
	const { app } = event.locals;
	const address = addressKey(event);
	await app.guesses.beforeSignUp(address);
	try {
		const user = await app.accounts.signUp(input);
		await app.guesses.signInSucceeded(address, emailOf(input));
		return user;
	} catch (error) {
		if (isServiceError(error) && error.code === 'email_taken') {
			await app.guesses.signUpFailed(address);
		}
		throw error;
	}
}
