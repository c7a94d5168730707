// How much of a language exists and is reviewed, for /langue and the partial-translation notice:
// the share of the participant screens' messages it translates, how many of those a native
// speaker has checked, and whether any message at all still falls back to French.
import type { Catalog, ReviewFile } from './catalog-check';
import { BASE_LOCALE, type Locale } from './locales';

export interface Coverage {
	/** Participant keys in all. */
	total: number;
	translated: number;
	reviewed: number;
	/** Whole percent, rounded down (99.6 % is not « 100 % »). */
	percent: number;
	/** Some message (participant or not) shows French, or some translation awaits review. */
	partial: boolean;
}

export function coverageOf(
	locale: Locale,
	manifest: Record<string, string[]>,
	french: Record<string, Catalog>,
	catalogs: Record<string, Catalog>,
	/** null: the language is written by the team with the French (English), no review file. */
	reviews: Record<string, ReviewFile> | null
): Coverage {
	const participant = Object.entries(manifest).flatMap(([area, keys]) =>
		keys.map((key) => ({ area, key }))
	);
	const total = participant.length;
	if (locale === BASE_LOCALE)
		return { total, translated: total, reviewed: total, percent: 100, partial: false };
	const has = (area: string, key: string) => catalogs[area]?.[key] !== undefined;
	const isReviewed = (area: string, key: string) =>
		has(area, key) && (reviews === null || reviews[area]?.[key] === 'reviewed');
	const translated = participant.filter(({ area, key }) => has(area, key)).length;
	const reviewed = participant.filter(({ area, key }) => isReviewed(area, key)).length;
	const everyKey = Object.entries(french).flatMap(([area, catalog]) =>
		Object.keys(catalog).map((key) => ({ area, key }))
	);
	const partial = everyKey.some(({ area, key }) => !isReviewed(area, key));
	return {
		total,
		translated,
		reviewed,
		percent: total ? Math.floor((translated * 100) / total) : 100,
		partial
	};
}
