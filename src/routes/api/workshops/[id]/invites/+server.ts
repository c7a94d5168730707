import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const invite = await app.members.createInvite(
		user,
		event.params.id,
		await readJson(event.request)
	);
	const origin = app.config.origin ?? event.url.origin;
	return json(
		{ url: `${origin}/invitation/${invite.token}`, role: invite.role, expiresAt: invite.expiresAt },
		{ status: 201 }
	);
});
