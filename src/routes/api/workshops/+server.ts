import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import { joinUrl } from '$lib/server/http/join-url';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const workshop = await app.workshops.create(user, await readJson(event.request));
	const origin = app.config.origin ?? event.url.origin;
	return json(
		{ id: workshop.id, code: workshop.code, joinUrl: joinUrl(origin, workshop.code) },
		{ status: 201 }
	);
});

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const rows = await app.workshops.listMine(user);
	return json(rows.map(({ workshop, role }) => ({ ...publicWorkshop(workshop), role })));
});

function publicWorkshop(w: {
	id: string;
	code: string;
	title: string;
	kind: string;
	status: string;
}) {
	return { id: w.id, code: w.code, title: w.title, kind: w.kind, status: w.status };
}
