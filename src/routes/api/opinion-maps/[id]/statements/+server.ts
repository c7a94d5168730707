import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const body = await readJson(event.request);
	return json(await app.opinion.addStatement(user, event.params.id, body), { status: 201 });
});
