// The membership check of a workshop's pages: the workshop found by its join code, and this
// user's membership in it, or a redirect to the join page. The workshop layout makes it for its
// pages; the light phone pages (vote, opinion), which reset to the root layout, make it
// themselves through this same function.
import { redirect } from '@sveltejs/kit';
import { normalizeJoinCode } from '$lib/domain/workshop';
import { isServiceError } from '$lib/server/services/service-error';

export async function pageMember(locals: App.Locals, rawCode: string) {
	const code = normalizeJoinCode(rawCode);
	const workshop = await locals.app.workshops.findByCode(code);
	if (!workshop || !locals.user) redirect(303, `/j/${code}`);
	try {
		const { member } = await locals.app.workshops.access(locals.user, workshop.id);
		return { workshop, member, user: locals.user };
	} catch (failure) {
		if (isServiceError(failure)) redirect(303, `/j/${code}`);
		throw failure;
	}
}
