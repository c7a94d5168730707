import { redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/server/i18n';
import { formAction } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in person's notifications (plans to review, decisions on plans). */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/connexion?suite=${encodeURIComponent(url.pathname)}`);
	return { notifications: await locals.app.notifications.list(locals.user, getLocale() as Locale) };
};

export const actions: Actions = {
	readAll: async ({ locals }) =>
		formAction({}, async () => {
			await locals.app.notifications.markRead(locals.user, {});
			return { done: true };
		}),
	read: async ({ locals, request }) => {
		const id = (await request.formData()).get('id');
		return formAction({}, async () => {
			const link = await locals.app.notifications.open(locals.user, id);
			if (link) redirect(303, link);
			return { done: true };
		});
	}
};
