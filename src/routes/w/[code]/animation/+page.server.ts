import { redirect } from '@sveltejs/kit';
import { joinUrl } from '$lib/server/http/join-url';
import { addressKey } from '$lib/server/http/client-key';
import { formAction, formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { parent, locals, url } = event;
	const { workshop, member } = await parent();
	if (member.role !== 'facilitator') redirect(303, `/w/${workshop.code}`);
	// Where the facilitator runs the room is the venue: its people may join from this address
	// even while someone there is slowed down for guessing codes.
	await locals.app.guesses.rememberVenue(workshop.id, addressKey(event));
	const row = await locals.app.workshops.findByCode(workshop.code);
	return {
		joinUrl: joinUrl(locals.app.config.origin ?? url.origin, workshop.code),
		joinOpen: row?.joinOpen ?? false
	};
};

export const actions: Actions = {
	joining: async (event) => {
		const { request, locals, params } = event;
		const values = formValues(await request.formData());
		return formAction(values, async () => {
			const workshop = await locals.app.workshops.findByCode(params.code);
			const open = values.open === 'true';
			const result = await locals.app.workshops.setJoining(locals.user, workshop?.id ?? '', {
				open
			});
			await locals.app.guesses.rememberVenue(workshop!.id, addressKey(event));
			return result;
		});
	},
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
