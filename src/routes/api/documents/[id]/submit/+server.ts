import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitator: freezes the live plan as a version and sends it to the reviewers. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.planReview.submit(user, event.params.id), { status: 201 });
});
