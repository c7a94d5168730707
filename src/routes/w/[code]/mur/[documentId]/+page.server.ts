import { error, redirect } from '@sveltejs/kit';
import { isServiceError } from '$lib/server/services/service-error';
import { documentView } from '$lib/server/services/documents';
import type { PageServerLoad } from './$types';

/** The mur d'idées of a workshop: the board itself syncs over /collab once in the browser. */
export const load: PageServerLoad = async ({ params, parent, locals }) => {
	const { workshop, member } = await parent();
	try {
		const found = await locals.app.documents.get(locals.user, params.documentId);
		if (found.document.workshopId !== workshop.id) error(404);
		if (found.document.kind !== 'idea_wall')
			redirect(303, `/w/${workshop.code}/documents/${found.document.id}`);
		const canManage = member.role === 'facilitator';
		// Where a facilitator may turn a card: the workshop's charters and action plans.
		const targets = canManage
			? (await locals.app.documents.list(locals.user, workshop.id))
					.filter((d) => d.kind === 'charter' || d.kind === 'action_plan')
					.map((d) => ({ id: d.id, kind: d.kind, title: d.title }))
			: [];
		return {
			document: documentView(found.document),
			denied: found.canWrite === true ? null : found.canWrite,
			canManage,
			targets
		};
	} catch (failure) {
		if (isServiceError(failure)) error(failure.status === 403 ? 403 : 404);
		throw failure;
	}
};
