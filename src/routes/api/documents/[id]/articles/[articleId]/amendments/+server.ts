import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async ({ locals, params, request }) =>
	json(
		await locals.app.charter.proposeAmendment(
			locals.user,
			params.id,
			params.articleId,
			await readJson(request)
		),
		{ status: 201 }
	)
);
