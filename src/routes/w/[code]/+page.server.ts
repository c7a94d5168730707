// The workshop page's own data: for a reviewer, the plans awaiting their review (« Plans à
// relire »), which is what they come for; nothing more for the other roles.
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workshop, member } = await parent();
	if (member.role !== 'reviewer') return { reviews: null };
	return { reviews: await locals.app.reviewQueue.pending(locals.user, workshop.id) };
};
