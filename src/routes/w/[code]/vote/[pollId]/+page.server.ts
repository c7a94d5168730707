// The light voting page's data. Its page resets to the root layout (`+page@.svelte`) so that a
// phone loads none of the workshop layout's agenda, queue or document code: the membership check
// the workshop layout makes is made here instead (pageMember), with the poll as this member may see it.
import { error } from '@sveltejs/kit';
import { optionsForMember } from '$lib/domain/nomination-names';
import { pageMember } from '$lib/server/http/page-member';
import { isServiceError } from '$lib/server/services/service-error';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { workshop, member, user } = await pageMember(locals, params.code);
	const role = member.role;
	try {
		const poll = await locals.app.polls.get(user, params.pollId);
		if (poll.workshopId !== workshop.id) error(404);
		const results = poll.status === 'draft' ? null : await locals.app.polls.results(user, poll.id);
		// A nomination scoped by quartier: this member's quartier decides which candidates the
		// ballot offers (the server refuses the others). Decided here, so the phone's page does
		// not carry the quartier-matching code; options do not change once the vote is open.
		const ballotOptionIds =
			poll.settings.nomination?.scope === 'quartier'
				? optionsForMember(
						poll,
						poll.options,
						(await locals.app.polls.proposals(user, poll.id)).myQuartier
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
