// The workshop page's own data: for a reviewer, the plans awaiting their review (« Plans à
// relire »), which is what they come for; for a table's relay, « Ma table » (its names, and the
// idea walls a card can be posted on for one of them); nothing more for the other roles.
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { workshop, member } = await parent();
	const tables =
		member.role === 'facilitator' || member.role === 'participant'
			? await locals.app.tables.mine(locals.user, workshop.id)
			: [];
	const walls =
		tables.length > 0
			? (await locals.app.documents.list(locals.user, workshop.id))
					.filter((d) => d.kind === 'idea_wall')
					.map((d) => ({ id: d.id, title: d.title }))
			: [];
	if (member.role !== 'reviewer') return { reviews: null, tables, walls };
	return {
		reviews: await locals.app.reviewQueue.pending(locals.user, workshop.id),
		tables,
		walls
	};
};
