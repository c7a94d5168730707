import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async ({ locals, params }) =>
	json(await locals.app.charter.settings(locals.user, params.id))
);

export const PUT: RequestHandler = api(async ({ locals, params, request }) =>
	json(await locals.app.charter.updateSettings(locals.user, params.id, await readJson(request)))
);
