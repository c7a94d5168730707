import { pageMember } from '$lib/server/http/page-member';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ params, locals }) => {
	const { workshop, member, user } = await pageMember(locals, params.code);
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
		unreadNotifications: await locals.app.notifications.unreadCount(user)
	};
};
