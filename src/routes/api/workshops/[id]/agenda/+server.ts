import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	// `?edit`: the facilitator's editor needs the end-of-round options the room's view leaves out.
	if (event.url.searchParams.has('edit')) {
		return json(await app.agenda.editable(user, event.params.id));
	}
	return json(await app.agenda.get(user, event.params.id));
});

export const PUT: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.agenda.replace(user, event.params.id, await readJson(event.request)));
});
