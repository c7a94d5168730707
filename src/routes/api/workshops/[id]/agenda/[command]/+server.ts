import { json } from '@sveltejs/kit';
import { api, apiError, readJson } from '$lib/server/http/api';
import { AGENDA_COMMANDS, type AgendaCommand } from '$lib/protocol/events';
import type { RequestHandler } from './$types';

const isCommand = (value: string): value is AgendaCommand =>
	(AGENDA_COMMANDS as readonly string[]).includes(value);

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { id, command } = event.params;
	if (!isCommand(command)) return apiError('not_found', 404);
	// Only `extend` has a body ({ seconds }). A bad one is reported by the service, after its access
	// check, so a participant learns "forbidden" rather than anything about the body.
	const body =
		command === 'extend' ? await readJson(event.request).catch(() => undefined) : undefined;
	return json(await app.agenda.command(user, id, command, body));
});
