import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** `{ bytes }` raises the document's size cap (facilitator); `{ bytes: null }` resets it. */
export const PUT: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.documents.setSizeCap(user, event.params.id, await readJson(event.request)));
});
