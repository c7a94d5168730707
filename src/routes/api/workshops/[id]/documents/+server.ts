import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import { documentView } from '$lib/server/services/documents';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.documents.list(user, event.params.id));
});

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const document = await app.documents.create(user, event.params.id, await readJson(event.request));
	return json(documentView(document), { status: 201 });
});
