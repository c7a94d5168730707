import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The speaking queue as every member sees it (changes come over socket.io). */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.queue.get(user, event.params.id));
});
