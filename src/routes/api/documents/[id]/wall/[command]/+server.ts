import { json } from '@sveltejs/kit';
import { api, apiError, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Facilitator commands: reveal/conceal the tally, hide/unhide/merge cards, promote a card. */
export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, command } = event.params;
	switch (command) {
		case 'reveal':
		case 'conceal':
			return json(await app.ideaWall.reveal(user, id, command === 'reveal'));
		case 'hide':
		case 'unhide':
		case 'merge':
			return json(await app.ideaWall.moderate(user, id, command, await readJson(event.request)));
		case 'promote':
			return json(await app.ideaWall.promote(user, id, await readJson(event.request)), {
				status: 201
			});
		default:
			return apiError('not_found', 404);
	}
});
