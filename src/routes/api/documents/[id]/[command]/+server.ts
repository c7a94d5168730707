import { json } from '@sveltejs/kit';
import { api, apiError } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, command } = event.params;
	switch (command) {
		case 'lock':
		case 'unlock':
			return json(await app.documents.lock(user, id, command === 'lock'));
		case 'publish':
		case 'unpublish':
			return json(await app.documents.publish(user, id, command === 'publish'));
		default:
			return apiError('not_found', 404);
	}
});
