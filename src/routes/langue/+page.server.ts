import { redirect } from '@sveltejs/kit';
import { LOCALE_COOKIE } from '$lib/server/i18n';
import type { Actions } from './$types';

/** Works without JavaScript: a form posts the choice, the cookie remembers it for a year. */
export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = form.get('locale') === 'en' ? 'en' : 'fr';
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 365 * 24 * 60 * 60
		});
		const back = String(form.get('back') ?? '/');
		redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
	}
};
