import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The map: anonymous points (the caller's own marked `you`), groups, consensus, divisive. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.opinion.analysis(user, event.params.id), {
		headers: { 'cache-control': 'no-store' }
	});
});
