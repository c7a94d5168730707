import { redirect } from '@sveltejs/kit';
import { normalizeJoinCode } from '$lib/domain/workshop';
import { formAction, formValues } from '$lib/server/http/forms';
import { setSessionCookie } from '$lib/server/http/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	needsSetup: await locals.app.accounts.needsSetup()
});

export const actions: Actions = {
	/** First run: the first account, an administrator, made from the home page. */
	setup: async (event) => {
		const form = await event.request.formData();
		const values = formValues(form);
		return formAction(values, async () => {
			const { app } = event.locals;
			const user = await app.accounts.setupFirstAdmin({
				...values,
				password: form.get('password')
			});
			const { token, expiresAt } = await app.sessions.create(user.id);
			setSessionCookie(event, token, expiresAt);
			redirect(303, '/ateliers');
		});
	},
	join: async ({ request }) => {
		const form = await request.formData();
		const code = normalizeJoinCode(String(form.get('code') ?? ''));
		redirect(303, `/j/${encodeURIComponent(code || '-')}`);
	}
};
