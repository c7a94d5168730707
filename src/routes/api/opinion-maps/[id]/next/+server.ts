import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The phone's next statement, or 204 when the member voted on all of them (or the map closed). */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const next = await app.opinion.next(user, event.params.id);
	return next ? json(next) : new Response(null, { status: 204 });
});
