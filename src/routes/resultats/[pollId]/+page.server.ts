import { error } from '@sveltejs/kit';
import { isServiceError } from '$lib/server/services/service-error';
import { translate, type Locale } from '$lib/server/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

/** Public and stable: the results of a published poll, for anyone, without an account. */
export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		return { results: await locals.app.polls.results(null, params.pollId) };
	} catch (cause) {
		if (isServiceError(cause) && cause.status === 404)
			error(404, translate('error_poll_not_found', getLocale() as Locale));
		throw cause;
	}
};
