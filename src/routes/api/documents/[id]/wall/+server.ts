import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The caller's view of an idea wall's dots: own dots, and the tally when they may see it. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.ideaWall.get(user, event.params.id));
});
