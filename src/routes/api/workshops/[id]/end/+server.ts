import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Ends the workshop: its join code stops working for good. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.workshops.end(user, event.params.id));
});
