// The light voting page's data. Its page resets to the root layout (`+page@.svelte`) so that a
// phone loads none of the workshop layout's agenda, queue or document code: the membership check
// the workshop layout makes is made here instead, with the poll as this member may see it.
import { error, redirect } from '@sveltejs/kit';
import { normalizeJoinCode } from '$lib/domain/workshop';
import { optionsForMember } from '$lib/domain/nomination-names';
import { isServiceError } from '$lib/server/services/service-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const code = normalizeJoinCode(params.code);
	const workshop = await locals.app.workshops.findByCode(code);
	if (!workshop || !locals.user) redirect(303, `/j/${code}`);
	let role;
	try {
		({
			member: { role }
		} = await locals.app.workshops.access(locals.user, workshop.id));
	} catch (failure) {
		if (isServiceError(failure)) redirect(303, `/j/${code}`);
		throw failure;
	}
	try {
		const poll = await locals.app.polls.get(locals.user, params.pollId);
		if (poll.workshopId !== workshop.id) error(404);
		const results =
			poll.status === 'draft' ? null : await locals.app.polls.results(locals.user, poll.id);
		// A nomination scoped by quartier: this member's quartier decides which candidates the
		// ballot offers (the server refuses the others). Decided here, so the phone's page does
		// not carry the quartier-matching code; options do not change once the vote is open.
		const ballotOptionIds =
			poll.settings.nomination?.scope === 'quartier'
				? optionsForMember(
						poll,
						poll.options,
						(await locals.app.polls.proposals(locals.user, poll.id)).myQuartier
					).map((o) => o.id)
				: null;
		return {
			workshop: { id: workshop.id, code: workshop.code, title: workshop.title },
			role,
			poll,
			ballotOptionIds,
			// Counts reach the page only when the reveal policy lets this member see them.
			results: results && !results.hidden ? results : null
		};
	} catch (failure) {
		if (isServiceError(failure)) error(failure.status === 403 ? 403 : 404);
		throw failure;
	}
};
