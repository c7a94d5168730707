import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, versionId } = event.params;
	return json(await app.documentContent.restore(user, id, versionId));
});
