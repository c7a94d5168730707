import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Members: the review status, the submitted version's actions, decisions and comments. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.planReview.get(user, event.params.id));
});

/** Reviewer: approve (a signature bound to the submitted version's hash) or request changes. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.planReview.review(user, event.params.id, await readJson(event.request)));
});
