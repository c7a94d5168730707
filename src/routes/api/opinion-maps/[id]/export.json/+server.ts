import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitators: the same as the CSV, with the groups and where statements were promoted. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.opinion.exportJson(user, event.params.id), {
		headers: {
			'content-disposition': `attachment; filename="carte-des-opinions-${event.params.id}.json"`
		}
	});
});
