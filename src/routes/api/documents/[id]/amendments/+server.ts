import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async ({ locals, params, url }) =>
	json(
		await locals.app.charter.amendments(locals.user, params.id, url.searchParams.get('articleId'))
	)
);
