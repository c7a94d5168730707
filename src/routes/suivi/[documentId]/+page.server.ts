import { error } from '@sveltejs/kit';
import { isServiceError } from '$lib/server/services/service-error';
import { translate, type Locale } from '$lib/server/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

/** Public, no login: exactly the approved version of a plan and its follow-up. */
export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		return { plan: await locals.app.planFollowup.publicPlan(params.documentId) };
	} catch (cause) {
		if (isServiceError(cause) && cause.status === 404)
			error(404, translate('error_not_found', getLocale() as Locale));
		throw cause;
	}
};
