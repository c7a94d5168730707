import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const query = event.url.searchParams;
	return json(
		await app.documentContent.diff(user, event.params.id, query.get('from'), query.get('to'))
	);
});
