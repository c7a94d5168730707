import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** « Qui vote ? »: the table's names and, with `?poll=`, who has already voted in that poll. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const pollId = event.url.searchParams.get('poll') ?? undefined;
	return json(await app.tables.roster(user, event.params.id, event.params.tableId, pollId));
});

/** Facilitators: `{relayMemberId}` holds the table's phone from now on. */
export const PATCH: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, tableId } = event.params;
	return json(await app.tables.setRelay(user, id, tableId, await readJson(event.request)));
});
