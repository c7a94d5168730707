import { error } from '@sveltejs/kit';
import * as Y from 'yjs';
import { isServiceError } from '$lib/server/services/service-error';
import { documentView } from '$lib/server/services/documents';
import { caretColour } from '$lib/domain/caret-colour';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent, locals }) => {
	const { workshop, member } = await parent();
	try {
		const found = await locals.app.documents.get(locals.user, params.documentId);
		if (found.document.workshopId !== workshop.id || found.document.kind !== 'action_plan')
			error(404);
		const canManage = member.role === 'facilitator';
		const charters = canManage
			? (await locals.app.planDrafting.charterArticles(locals.user, found.document.id)).map(
					(charter) => ({
						...charter,
						articles: charter.articles.map(({ index, heading }) => ({ index, heading }))
					})
				)
			: [];
		return {
			document: documentView(found.document),
			denied: found.canWrite === true ? null : found.canWrite,
			canManage,
			settings: await locals.app.planDrafting.getSettings(locals.user, workshop.id),
			charters,
			// The plan as it is now, so the table draws at once instead of after the /collab round
			// trip; the providers then merge whatever changed since (IndexedDB, the server).
			initialState: Buffer.from(
				Y.encodeStateAsUpdate(await locals.app.liveDocuments.getDoc(found.document.id))
			).toString('base64'),
			user: { name: member.displayName, color: caretColour(locals.user!.id) }
		};
	} catch (failure) {
		if (isServiceError(failure)) error(failure.status === 403 ? 403 : 404);
		throw failure;
	}
};
