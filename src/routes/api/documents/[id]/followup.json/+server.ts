import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Open data once approved: the approved version's actions, their follow-up and the signature. */
export const GET: RequestHandler = api(async (event) => {
	const data = await event.locals.app.planFollowup.publicPlan(event.params.id);
	return json(data, {
		headers: {
			'access-control-allow-origin': '*',
			'content-disposition': `inline; filename="suivi-${data.document.id}.json"`
		}
	});
});
