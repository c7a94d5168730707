import { error, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { translate, type Locale } from '$lib/server/i18n';
import { formAction } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const preview = await locals.app.members.previewInvite(params.token);
	if (!preview) {
		error(404, {
			code: 'invite_invalid',
			message: translate('error_invite_invalid', getLocale() as Locale)
		});
	}
	return {
		workshop: { title: preview.workshop.title, commune: preview.workshop.commune },
		role: preview.role,
		signedIn: locals.user?.kind === 'account'
	};
};

export const actions: Actions = {
	default: async ({ params, locals }) =>
		formAction({}, async () => {
			const { workshopId } = await locals.app.members.acceptInvite(locals.user, params.token);
			const workshop = await locals.app.workshops.get(locals.user, workshopId);
			redirect(303, `/w/${workshop.workshop.code}`);
		})
};
