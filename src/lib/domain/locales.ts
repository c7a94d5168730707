// The languages Palabre speaks, once: their codes (as in project.inlang/settings.json), their names
// written in the language itself (a chooser shows « Hausa » to a Hausa reader, not « haoussa »),
// and which are complete. French is the base: a message missing in any other language shows French.
export const LOCALES = ['fr', 'en', 'ha', 'wo', 'dje'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'fr';

/** Each language's own name for itself (its endonym). */
export const LOCALE_NAMES: Record<Locale, string> = {
	fr: 'Français',
	en: 'English',
	ha: 'Hausa',
	wo: 'Wolof',
	dje: 'Zarmaciine'
};

/**
 * Languages whose catalogs cover only the participant screens, still to be read by a native
 * speaker: their pages say so and link to /langue.
 */
export const PARTIAL_LOCALES: readonly Locale[] = ['ha', 'wo', 'dje'];

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported language in an Accept-Language header, in the order the browser gives
 * (weights are ignored: browsers list by preference). `ha-NG`, `wo-SN`, `dje-NE` count.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
	for (const part of (header ?? '').split(',')) {
		const tag = part.split(';')[0].trim().toLowerCase();
		const primary = tag.split('-')[0];
		if (isLocale(primary)) return primary;
	}
	return null;
}
