import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitators: statements with agree / disagree / pass counts, overall and per group. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const body = await app.opinion.exportCsv(user, event.params.id);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="carte-des-opinions-${event.params.id}.csv"`
		}
	});
});
