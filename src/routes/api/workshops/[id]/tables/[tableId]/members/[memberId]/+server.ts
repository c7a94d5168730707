import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The relay takes a name off the table (the member stays in the workshop). */
export const DELETE: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, tableId, memberId } = event.params;
	return json(await app.tables.unregister(user, id, tableId, memberId));
});
