// Joining by code from the API or the join form: the guessing limits, one service call, then a
// guest session cookie when the participant had no session, and the member's language cookie.
import type { RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { normalizeJoinCode } from '../../domain/workshop';
import { FAILED_JOIN_CODES } from '../limits/guess-guard';
import { isServiceError } from '../services/service-error';
import { addressKey } from './client-key';
import { setSessionCookie } from './session-cookie';
import { setLocaleCookie } from './locale-cookie';

export async function joinWorkshop(event: RequestEvent, input: unknown) {
	const { app, user } = event.locals;
	const address = addressKey(event);
	const raw = (input as { code?: unknown } | null)?.code;
	const attempt = await app.guesses.beginJoin(
		address,
		typeof raw === 'string' ? normalizeJoinCode(raw) : ''
	);
	// No language chosen (an API client): the one the request is served in.
	const body = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
	const withLocale = body.locale ? input : { ...body, locale: getLocale() };
	let joined;
	try {
		joined = await app.members.join(user, withLocale);
	} catch (error) {
		if (isServiceError(error) && FAILED_JOIN_CODES.includes(error.code)) await attempt.failed();
		else await attempt.succeeded(); // not a guess (bad input, removed member): nothing to count
		throw error;
	}
	await attempt.succeeded();
	await app.guesses.rememberVenue(joined.workshop.id, address);
	// The language chosen at join becomes the pages' language too (the hub opens in it).
	setLocaleCookie(event, joined.member.locale);
	if (joined.newUser) {
		const { token, expiresAt } = await app.sessions.create(joined.user.id);
		setSessionCookie(event, token, expiresAt);
	}
	return joined;
}
