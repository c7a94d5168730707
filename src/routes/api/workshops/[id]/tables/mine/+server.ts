import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The tables whose phone the caller holds, with who sits at each (empty for everyone else). */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.tables.mine(user, event.params.id));
});
