import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Open data once approved: one row per action with its current follow-up and the approval. */
export const GET: RequestHandler = api(async (event) => {
	const { body } = await event.locals.app.planFollowup.csv(event.params.id);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'access-control-allow-origin': '*',
			'content-disposition': `attachment; filename="suivi-${event.params.id}.csv"`
		}
	});
});
