import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Reviewers and facilitators: a comment on the submitted version (per action or whole plan). */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const comment = await app.planReview.comment(
		user,
		event.params.id,
		await readJson(event.request)
	);
	return json(comment, { status: 201 });
});
