import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/http/api';
import { guardJoin } from '$lib/server/http/guards';
import { joinWorkshop } from '$lib/server/http/join';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = api(async (event) => {
	const body = await readJson(event.request);
	guardJoin(event, (body as { code?: unknown })?.code);
	const { workshop, member } = await joinWorkshop(event, body);
	return json({ workshopId: workshop.id, memberId: member.id, role: member.role }, { status: 201 });
});
