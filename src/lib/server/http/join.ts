// Joining by code from the API or the join form: one service call, then a guest session cookie
// when the participant had no session.
import type { RequestEvent } from '@sveltejs/kit';
import { setSessionCookie } from './session-cookie';

export async function joinWorkshop(event: RequestEvent, input: unknown) {
	const { app, user } = event.locals;
	const joined = await app.members.join(user, input);
	if (joined.newUser) {
		const { token, expiresAt } = await app.sessions.create(joined.user.id);
		setSessionCookie(event, token, expiresAt);
	}
	return joined;
}
