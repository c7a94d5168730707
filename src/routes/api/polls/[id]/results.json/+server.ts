import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Open data, once published: no login, a stable URL, any site may fetch it. */
export const GET: RequestHandler = api(async (event) => {
	const data = await event.locals.app.polls.openData(event.params.id);
	return json(data, {
		headers: {
			'access-control-allow-origin': '*',
			'content-disposition': `inline; filename="resultats-${event.params.id}.json"`
		}
	});
});
