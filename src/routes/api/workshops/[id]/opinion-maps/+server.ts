import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.opinion.list(user, event.params.id));
});

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const created = await app.opinion.create(user, event.params.id, await readJson(event.request));
	return json(created, { status: 201 });
});
