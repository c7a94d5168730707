import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Idempotent: the member's last vote on a statement wins. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.opinion.vote(user, event.params.id, await readJson(event.request)));
});
