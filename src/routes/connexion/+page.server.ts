import { redirect } from '@sveltejs/kit';
import { formAction, formValues } from '$lib/server/http/forms';
import { signInWithLimits } from '$lib/server/http/guards';
import { setSessionCookie } from '$lib/server/http/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user?.kind === 'account') redirect(303, '/ateliers');
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = formValues(form);
		return formAction(values, async () => {
			const { app } = event.locals;
			const user = await signInWithLimits(event, {
				email: values.email,
				password: form.get('password')
			});
			const { token, expiresAt } = await app.sessions.create(user.id);
			setSessionCookie(event, token, expiresAt);
			const next = event.url.searchParams.get('suite') ?? '/ateliers';
			redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/ateliers');
		});
	}
};
