import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitators: the statement becomes a charter article, an amendment or a plan action. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, sid } = event.params;
	const body = await readJson(event.request);
	return json(await app.opinion.promote(user, id, sid, body), { status: 201 });
});
