import { redirect } from '@sveltejs/kit';
import { isLocale, LOCALES } from '$lib/domain/locales';
import { setLocaleCookie } from '$lib/server/http/locale-cookie';
import { catalogCoverage } from '$lib/server/i18n-coverage';
import type { Actions, PageServerLoad } from './$types';

/** Each language with how much of the participant screens it covers and how much is reviewed. */
export const load: PageServerLoad = () => ({
	languages: LOCALES.map((locale) => ({ locale, ...catalogCoverage(locale) }))
});

/**
 * Works without JavaScript: a form posts the choice, the cookie remembers it for a year, and a
 * signed-in person's memberships take it (the SMS replies and the next visit follow it).
 */
export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const form = await request.formData();
		const chosen = form.get('locale');
		const locale = isLocale(chosen) ? chosen : 'fr';
		setLocaleCookie({ cookies }, locale);
		if (locals.user) await locals.app.members.setLocaleOfUser(locals.user.id, locale);
		const back = String(form.get('back') ?? '/');
		redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
	}
};
