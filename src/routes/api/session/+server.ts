import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import { signInWithLimits } from '$lib/server/http/guards';
import { clearSessionCookie, setSessionCookie } from '$lib/server/http/session-cookie';
import { SESSION_COOKIE } from '$lib/server/auth/session-token';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const body = await readJson(event.request);
	const { app } = event.locals;
	const user = await signInWithLimits(event, body);
	const { token, expiresAt } = await app.sessions.create(user.id);
	setSessionCookie(event, token, expiresAt);
	return json({ user: { id: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin } });
});

export const DELETE: RequestHandler = api(async (event) => {
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) await event.locals.app.sessions.invalidate(token);
	clearSessionCookie(event);
	return new Response(null, { status: 204 });
});
