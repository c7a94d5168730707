import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = api(async ({ locals, params, request }) =>
	json(
		await locals.app.charter.setArticleStatus(
			locals.user,
			params.id,
			params.articleId,
			await readJson(request)
		)
	)
);
