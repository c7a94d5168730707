import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.polls.results(user, event.params.id), {
		headers: { 'cache-control': 'no-store' }
	});
});
