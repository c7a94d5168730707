import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Closes the proposal phase: the shortlisted proposals become the poll's options. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.polls.shortlist(user, event.params.id, await readJson(event.request)));
});
