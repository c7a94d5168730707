import { error, redirect } from '@sveltejs/kit';
import { isServiceError } from '$lib/server/services/service-error';
import { documentView } from '$lib/server/services/documents';
import { caretColour } from '$lib/domain/caret-colour';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent, locals }) => {
	const { workshop, member } = await parent();
	try {
		const found = await locals.app.documents.get(locals.user, params.documentId);
		if (found.document.workshopId !== workshop.id) error(404);
		// A wall is a board, not a text: it has its own page.
		if (found.document.kind === 'idea_wall')
			redirect(303, `/w/${workshop.code}/mur/${found.document.id}`);
		// An action plan is edited as a table of actions, not as running text.
		if (found.document.kind === 'action_plan')
			redirect(303, `/w/${workshop.code}/plans/${found.document.id}`);
		return {
			document: documentView(found.document),
			// The server's truth at load time; /collab keeps it current afterwards.
			denied: found.canWrite === true ? null : found.canWrite,
			canManage: member.role === 'facilitator',
			caret: { name: member.displayName, color: caretColour(locals.user!.id) }
		};
	} catch (failure) {
		if (isServiceError(failure)) error(failure.status === 403 ? 403 : 404);
		throw failure;
	}
};
