import { json } from '@sveltejs/kit';
import { api, apiError, readOptionalJson } from '$lib/server/http/api';
import { POLL_COMMANDS, type PollCommandName } from '$lib/protocol/polls';
import type { RequestHandler } from './$types';

const isCommand = (value: string): value is PollCommandName =>
	(POLL_COMMANDS as readonly string[]).includes(value);

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, command } = event.params;
	if (!isCommand(command)) return apiError('not_found', 404);
	// The body is optional (`{ closesInSeconds }` for open and reopen).
	const body = await readOptionalJson(event.request);
	return json(await app.polls.command(user, id, command, body));
});
