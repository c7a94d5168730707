// Tables (one phone per table): the facilitator lists them, or creates one on their own device
// or with a participant as its relay.
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.tables.list(user, event.params.id));
});

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const table = await app.tables.create(user, event.params.id, await readJson(event.request));
	return json(table, { status: 201 });
});
