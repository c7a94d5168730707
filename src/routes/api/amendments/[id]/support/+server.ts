import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async ({ locals, params }) =>
	json(await locals.app.charter.support(locals.user, params.id))
);

export const DELETE: RequestHandler = api(async ({ locals, params }) =>
	json(await locals.app.charter.unsupport(locals.user, params.id))
);
