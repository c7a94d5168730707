import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The relay registers someone at the table: a new guest from a name, or `{ self: true }`. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, tableId } = event.params;
	const seat = await app.tables.register(user, id, tableId, await readJson(event.request));
	return json(seat, { status: 201 });
});
