import { redirect } from '@sveltejs/kit';
import { formAction, formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user?.kind !== 'account') redirect(303, '/connexion?suite=/ateliers/nouveau');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = formValues(await request.formData());
		return formAction(values, async () => {
			const workshop = await locals.app.workshops.create(locals.user, values);
			redirect(303, `/w/${workshop.code}/animation`);
		});
	}
};
