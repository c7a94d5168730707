import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import { joinWorkshop } from '$lib/server/http/join';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const body = await readJson(event.request);
	const { workshop, member } = await joinWorkshop(event, body);
	return json({ workshopId: workshop.id, memberId: member.id, role: member.role }, { status: 201 });
});
