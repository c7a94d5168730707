import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Open data, once published: counts per option and per source, never a voter. */
export const GET: RequestHandler = api(async (event) => {
	const csv = await event.locals.app.polls.openDataCsv(event.params.id);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'access-control-allow-origin': '*',
			'content-disposition': `attachment; filename="resultats-${event.params.id}.csv"`
		}
	});
});
