import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { name: locals.user.name, kind: locals.user.kind, isAdmin: locals.user.isAdmin }
		: null
});
