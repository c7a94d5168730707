// Translation at the server's edges (API errors, socket acks, CLI), outside SvelteKit's request
// scope: the locale is passed explicitly to the compiled message functions.
import * as messages from '../paraglide/messages.js';
import type { WireError } from '../protocol/errors';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../domain/locales';

export type { Locale } from '../domain/locales';
export const LOCALE_COOKIE = 'palabre_lang';

type MessageFn = (params?: Record<string, unknown>, options?: { locale?: Locale }) => string;
const catalog = messages as unknown as Record<string, MessageFn | undefined>;

export function translate(key: string, locale: Locale, params: Record<string, unknown> = {}) {
	const fn = catalog[key];
	return fn ? fn(params, { locale }) : key;
}

export function hasMessage(key: string): boolean {
	return typeof catalog[key] === 'function';
}

/** Cookie choice first, then the browser's languages, then French. */
export function pickLocale(
	cookieValue: string | undefined,
	acceptLanguage?: string | null
): Locale {
	if (isLocale(cookieValue)) return cookieValue;
	return localeFromAcceptLanguage(acceptLanguage) ?? 'fr';
}

/** Catalog prefixes of domain refusal codes, by area (votes, agenda and speaking queue, exports, nominations, plan review). */
const REASON_PREFIXES = [
	'vote_error_',
	'agenda_error_',
	'export_error_',
	'nomination_error_',
	'review_error_'
] as const;

/**
 * The idea wall's, the charter's and the opinion map's codes already start with their area:
 * `wall_no_dots_left` → `wall_error_no_dots_left`, `charter_vote_pending` →
 * `charter_error_vote_pending`, `opinion_closed` → `opinion_error_closed`, `table_…` → `table_error_…`.
 */
function areaReasonKey(raw: string): string | undefined {
	const area = ['wall_', 'charter_', 'opinion_', 'table_'].find((prefix) => raw.startsWith(prefix));
	return area ? `${area}error_${raw.slice(area.length)}` : undefined;
}

export function wireError(
	code: string,
	locale: Locale,
	details: { field?: string; params?: Record<string, unknown> } = {}
): WireError {
	const params = { field: details.field ?? '', ...details.params };
	// A refusal from the domain names its code in `params.reason`; that code's own message says
	// more than the generic one ("Trop de choix : 2 au maximum.", "La manche n'est pas en
	// cours.") and lives in its area's catalog under one of these prefixes.
	const raw = typeof details.params?.reason === 'string' ? details.params.reason : '';
	const reasonKey = raw
		? [...REASON_PREFIXES.map((prefix) => prefix + raw.replaceAll('.', '_')), areaReasonKey(raw)]
				.filter((key): key is string => key !== undefined)
				.find(hasMessage)
		: undefined;
	const reason = reasonKey ? raw : undefined;
	const message = translate(reasonKey ?? `error_${code}`, locale, params);
	return {
		code,
		message,
		...(details.field ? { field: details.field } : {}),
		...(reason ? { reason } : {})
	};
}
