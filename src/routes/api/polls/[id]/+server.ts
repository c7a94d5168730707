import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.polls.get(user, event.params.id));
});
