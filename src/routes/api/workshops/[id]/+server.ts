import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import { joinUrl } from '$lib/server/http/join-url';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { workshop, member, memberCounts } = await app.workshops.get(user, event.params.id);
	const agenda = await app.agenda.get(user, workshop.id);
	const origin = app.config.origin ?? event.url.origin;
	return json({
		id: workshop.id,
		code: workshop.code,
		joinUrl: joinUrl(origin, workshop.code),
		title: workshop.title,
		kind: workshop.kind,
		commune: workshop.commune,
		quartier: workshop.quartier,
		startsAt: workshop.startsAt?.toISOString() ?? null,
		language: workshop.language,
		status: workshop.status,
		joinOpen: workshop.joinOpen,
		agenda: agenda.items,
		current: agenda.current,
		memberCounts,
		you: { memberId: member.id, role: member.role, displayName: member.displayName }
	});
});
