import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Raises the hand of `forMember`, a member of the caller's table (same service as `queue:raise`). */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.queue.raise(user, event.params.id, await readJson(event.request)));
});
