import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitators: every proposal and the suggested duplicates; members: their own and the count. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.polls.proposals(user, event.params.id), {
		headers: { 'cache-control': 'no-store' }
	});
});

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const proposal = await app.polls.propose(user, event.params.id, await readJson(event.request));
	return json(proposal, { status: 201 });
});
