import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async ({ locals, params, request }) =>
	json(await locals.app.charter.publish(locals.user, params.id, await readJson(request)))
);
