import { error, redirect } from '@sveltejs/kit';
import { normalizeJoinCode, isJoinCode } from '$lib/domain/workshop';
import { getLocale } from '$lib/paraglide/runtime';
import { translate, type Locale } from '$lib/server/i18n';
import { formAction, formValues } from '$lib/server/http/forms';
import { guardJoin } from '$lib/server/http/guards';
import { joinWorkshop } from '$lib/server/http/join';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const code = normalizeJoinCode(params.code);
	const workshop = isJoinCode(code) ? await locals.app.workshops.findByCode(code) : null;
	if (!workshop) {
		error(404, {
			code: 'join_code_unknown',
			message: translate('error_join_code_unknown', getLocale() as Locale)
		});
	}
	if (locals.user) {
		const { member } = await locals.app.workshops
			.access(locals.user, workshop.id)
			.catch(() => ({ member: null }));
		if (member) redirect(303, `/w/${workshop.code}`);
	}
	return {
		workshop: { code: workshop.code, title: workshop.title, commune: workshop.commune },
		suggestedName: locals.user?.kind === 'account' ? locals.user.name : ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData());
		return formAction(values, async () => {
			const code = normalizeJoinCode(event.params.code);
			guardJoin(event, code);
			const { workshop } = await joinWorkshop(event, { ...values, code });
			redirect(303, `/w/${workshop.code}`);
		});
	}
};
