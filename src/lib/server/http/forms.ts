// Form actions answer like the API: a ServiceError becomes `fail(status, { error })`, translated,
// with the submitted values (never passwords) so the form can be shown again filled in.
import { fail, isRedirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { isServiceError } from '../services/service-error';
import { wireError, type Locale } from '../i18n';

export function formValues(form: FormData, omit: string[] = ['password']) {
	const values: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && !omit.includes(key)) values[key] = value;
	}
	return values;
}

export async function formAction<T>(values: Record<string, string>, work: () => Promise<T>) {
	try {
		return await work();
	} catch (error) {
		if (isRedirect(error)) throw error;
		if (isServiceError(error)) {
			return fail(error.status, {
				error: wireError(error.code, getLocale() as Locale, error.details),
				values
			});
		}
		throw error;
	}
}
