import { redirect } from '@sveltejs/kit';
import { joinUrl } from '$lib/server/http/join-url';
import { formAction, formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, url }) => {
	const { workshop, member } = await parent();
	if (member.role !== 'facilitator') redirect(303, `/w/${workshop.code}`);
	return { joinUrl: joinUrl(locals.app.config.origin ?? url.origin, workshop.code) };
};

export const actions: Actions = {
	invite: async ({ request, locals, params, url }) => {
		const values = formValues(await request.formData());
		return formAction(values, async () => {
			const workshop = await locals.app.workshops.findByCode(params.code);
			const invite = await locals.app.members.createInvite(locals.user, workshop?.id ?? '', values);
			const origin = locals.app.config.origin ?? url.origin;
			return { invite: { url: `${origin}/invitation/${invite.token}`, role: invite.role } };
		});
	}
};
