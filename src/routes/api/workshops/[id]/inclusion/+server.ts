import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitators only: aggregated participation, small groups shown as « < 5 ». */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.inclusion.get(user, event.params.id));
});
