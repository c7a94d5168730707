// « Qui vote ? » on a table's shared phone: the table's names with who has already voted in this
// poll, and the poll's ballot. Like the light voting page it resets to the root layout (`@`), so
// it makes the membership check itself: the table service answers only the table's relay.
import { error, redirect } from '@sveltejs/kit';
import { normalizeJoinCode } from '$lib/domain/workshop';
import { isServiceError } from '$lib/server/services/service-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const code = normalizeJoinCode(params.code);
	const workshop = await locals.app.workshops.findByCode(code);
	if (!workshop || !locals.user) redirect(303, `/j/${code}`);
	try {
		const table = await locals.app.tables.roster(
			locals.user,
			workshop.id,
			params.tableId,
			params.pollId
		);
		const poll = await locals.app.polls.get(locals.user, params.pollId);
		if (poll.workshopId !== workshop.id) error(404);
		return {
			workshop: { id: workshop.id, code: workshop.code, title: workshop.title },
			table,
			poll
		};
	} catch (failure) {
		if (isServiceError(failure)) {
			if (failure.code === 'unauthenticated' || failure.code === 'workshop_not_found')
				redirect(303, `/j/${code}`);
			error(failure.status === 403 ? 403 : 404);
		}
		throw failure;
	}
};
