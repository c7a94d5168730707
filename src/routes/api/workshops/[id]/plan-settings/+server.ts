import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async ({ locals, params }) =>
	json(await locals.app.planDrafting.getSettings(locals.user, params.id))
);

export const PUT: RequestHandler = api(async ({ locals, params, request }) =>
	json(await locals.app.planDrafting.putSettings(locals.user, params.id, await readJson(request)))
);
