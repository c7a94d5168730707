import { getLocale } from '$lib/paraglide/runtime';
import { catalogCoverage } from '$lib/server/i18n-coverage';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { name: locals.user.name, kind: locals.user.kind, isAdmin: locals.user.isAdmin }
		: null,
	// A language still partly French or not yet reviewed says so on every page (links to /langue).
	partialTranslation: catalogCoverage(getLocale()).partial
});
