import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import { addressKey } from '$lib/server/http/client-key';
import type { RequestHandler } from './$types';

/** `{ open: boolean }`: the facilitator opens or closes joining by code. */
export const PUT: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const result = await app.workshops.setJoining(
		user,
		event.params.id,
		await readJson(event.request)
	);
	// The facilitator is at the venue: its people may join from here even while guessers wait.
	await app.guesses.rememberVenue(event.params.id, addressKey(event));
	return json(result);
});
