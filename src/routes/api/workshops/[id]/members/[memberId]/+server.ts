import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, memberId } = event.params;
	return json(await app.members.changeRole(user, id, memberId, await readJson(event.request)));
});

export const DELETE: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	await app.members.remove(user, event.params.id, event.params.memberId);
	return new Response(null, { status: 204 });
});
