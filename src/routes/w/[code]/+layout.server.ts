import { redirect } from '@sveltejs/kit';
import { normalizeJoinCode } from '$lib/domain/workshop';
import { isServiceError } from '$lib/server/services/service-error';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params, locals }) => {
	const code = normalizeJoinCode(params.code);
	const workshop = await locals.app.workshops.findByCode(code);
	if (!workshop || !locals.user) redirect(303, `/j/${code}`);
	try {
		const { member } = await locals.app.workshops.access(locals.user, workshop.id);
		return {
			workshop: {
				id: workshop.id,
				code: workshop.code,
				title: workshop.title,
				kind: workshop.kind,
				commune: workshop.commune,
				quartier: workshop.quartier
			},
			member: { id: member.id, role: member.role, displayName: member.displayName },
			unreadNotifications: await locals.app.notifications.unreadCount(locals.user)
		};
	} catch (error) {
		if (isServiceError(error)) redirect(303, `/j/${code}`);
		throw error;
	}
};
