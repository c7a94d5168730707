import { error } from '@sveltejs/kit';
import { consolidatedView } from '$lib/server/charter/consolidated-view';
import { isServiceError } from '$lib/server/services/service-error';
import { translate, type Locale } from '$lib/server/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

/** Public, no login: the charter as adopted, once the facilitator published it (404 before). */
export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		return {
			charter: consolidatedView(await locals.app.charter.consolidated(null, params.documentId))
		};
	} catch (cause) {
		if (isServiceError(cause) && cause.status === 404)
			error(404, translate('error_not_found', getLocale() as Locale));
		throw cause;
	}
};
