import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.opinion.get(user, event.params.id));
});

export const PATCH: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.opinion.update(user, event.params.id, await readJson(event.request)));
});
