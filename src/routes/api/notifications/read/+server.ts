import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Marks `{ ids }` (or, without ids, every notification of the caller) as read. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.notifications.markRead(user, await readJson(event.request)));
});
