import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** A card posted for `forMember`, a member of the caller's table (one phone per table). */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const card = await app.tableWall.postCardFor(
		user,
		event.params.id,
		await readJson(event.request)
	);
	return json(card, { status: 201 });
});
