import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import { documentView } from '$lib/server/services/documents';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { document, member, canWrite } = await app.documents.get(user, event.params.id);
	return json({ ...documentView(document), you: { role: member.role, canWrite } });
});
