import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.kind !== 'account') redirect(303, '/connexion?suite=/ateliers');
	const rows = await locals.app.workshops.listMine(locals.user);
	return {
		workshops: rows.map(({ workshop, role }) => ({
			id: workshop.id,
			code: workshop.code,
			title: workshop.title,
			kind: workshop.kind,
			commune: workshop.commune,
			startsAt: workshop.startsAt?.toISOString() ?? null,
			role
		}))
	};
};
