import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitators: approve, hide or unhide a statement (audited; hidden ones are kept). */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, sid } = event.params;
	return json(await app.opinion.moderate(user, id, sid, await readJson(event.request)));
});
