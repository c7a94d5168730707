import { error, redirect } from '@sveltejs/kit';
import { normalizeJoinCode, isJoinCode } from '$lib/domain/workshop';
import { getLocale } from '$lib/paraglide/runtime';
import { translate, wireError, type Locale } from '$lib/server/i18n';
import { addressKey } from '$lib/server/http/client-key';
import { isServiceError } from '$lib/server/services/service-error';
import { formAction, formValues } from '$lib/server/http/forms';
import { joinWorkshop } from '$lib/server/http/join';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { params, locals } = event;
	const code = normalizeJoinCode(params.code);
	const locale = getLocale() as Locale;
	if (!isJoinCode(code)) notFound(locale);
	// Showing the page says whether the code exists: the same limits as joining apply.
	const address = addressKey(event);
	let attempt;
	try {
		attempt = await locals.app.guesses.beginJoin(address, code);
	} catch (failure) {
		if (!isServiceError(failure)) throw failure;
		const wire = wireError(failure.code, locale, failure.details);
		error(failure.status, { code: wire.code, message: wire.message });
	}
	const workshop = await locals.app.workshops.findByCode(code);
	if (!workshop) {
		await attempt.failed();
		notFound(locale);
	}
	await attempt.succeeded();
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

function notFound(locale: Locale): never {
	error(404, { code: 'join_code_unknown', message: translate('error_join_code_unknown', locale) });
}

export const actions: Actions = {
	default: async (event) => {
		const values = formValues(await event.request.formData());
		return formAction(values, async () => {
			const code = normalizeJoinCode(event.params.code);
			const { workshop } = await joinWorkshop(event, { ...values, code });
			redirect(303, `/w/${workshop.code}`);
		});
	}
};
