import { json } from '@sveltejs/kit';
import { api, readOptionalJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async ({ locals, params, request }) =>
	json(
		await locals.app.charter.vote(
			locals.user,
			params.id,
			params.articleId,
			await readOptionalJson(request)
		),
		{ status: 201 }
	)
);
