import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitators and reviewers: a dated update of one action of the approved version. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const update = await app.planFollowup.post(user, event.params.id, await readJson(event.request));
	return json(update, { status: 201 });
});
