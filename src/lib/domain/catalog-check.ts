// What a translation must respect to be shipped, checked the same way for a catalog file, an
// imported spreadsheet and the unit tests: every key exists in French, the placeholders are the
// French ones, a plural message keeps its declarations and its `=*` catch-all and uses only the
// language's plural categories, nothing is empty, and the text fits (short labels, one SMS).
// Pure: catalogs come in as parsed JSON.
import type { Locale } from './locales';
import { gsm7Length, isGsm7, SMS_MAX_LENGTH } from './sms-commands';

/** A message with variants, as the inlang message format stores it. */
export interface VariantMessage {
	declarations?: string[];
	selectors?: string[];
	match: Record<string, string>;
}
export type Message = string | VariantMessage[];
/** One area's catalog in one language, without its `$schema` line. */
export type Catalog = Record<string, Message>;

export const REVIEW_STATUSES = ['needs-review', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type ReviewFile = Record<string, ReviewStatus>;

/**
 * The CLDR plural categories each language distinguishes (what `Intl.PluralRules` selects).
 * Zarma has no CLDR plural rules: `Intl.PluralRules('dje')` falls back to the runtime's default
 * language, so a `=one` variant would behave differently from one phone to the next; only `=*`.
 */
export const PLURAL_CATEGORIES: Record<Locale, readonly string[]> = {
	fr: ['one', 'many', 'other'],
	en: ['one', 'other'],
	ha: ['one', 'other'],
	wo: ['other'],
	dje: ['other']
};

/** A short label (a button, a field name) may grow this much over the French before a warning… */
export const LABEL_WARN_RATIO = 1.6;
/**
 * …and this much, once longer than LABEL_REFUSE_LENGTH characters, before the checker refuses it
 * (it would break the 360 px layout). A 4-letter French word may well take 11 letters elsewhere.
 */
export const LABEL_REFUSE_RATIO = 2.5;
export const LABEL_REFUSE_LENGTH = 30;
/** French texts up to this many characters, not ending as a sentence does, are short labels. */
export const SHORT_LABEL_MAX = 40;

export type IssueCode =
	| 'unknown_key'
	| 'empty'
	| 'placeholders'
	| 'shape'
	| 'declarations'
	| 'catch_all_missing'
	| 'plural_category'
	| 'unknown_variant'
	| 'too_long'
	| 'sms_not_gsm7'
	| 'sms_too_long';

export interface CatalogIssue {
	key: string;
	/** The variant (`dotsPlural=one`) when the issue is in one of them. */
	variant?: string;
	level: 'error' | 'warning';
	code: IssueCode;
	/** Plain words for the translator, in English (the CLI prints them as they are). */
	detail: string;
}

/** Feature-phone replies: plain GSM-7, one SMS (`sms_results_*` are labels of the results page). */
export function isSmsKey(key: string): boolean {
	return (key.startsWith('sms_') && !key.startsWith('sms_results_')) || key.startsWith('ussd_');
}

/**
 * Letters GSM-7 lacks. Typographic signs (’ « … and narrow spaces) are fine: the SMS service
 * swaps them for plain ones; a letter like ɗ or ŋ would be changed into another word.
 */
function nonGsmLetters(text: string): string[] {
	return [...new Set([...text].filter((ch) => /\p{L}/u.test(ch) && !isGsm7(ch)))];
}

/** The variants of a message: `''` for a plain string, else its match keys. */
export function variantsOf(message: Message): { variant: string; text: string }[] {
	if (typeof message === 'string') return [{ variant: '', text: message }];
	return Object.entries(message[0]?.match ?? {}).map(([variant, text]) => ({ variant, text }));
}

function placeholdersIn(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** The inputs a message takes: `{name}`s in its texts and its `input x` declarations. */
export function placeholdersOf(message: Message): string[] {
	const names = new Set(variantsOf(message).flatMap((v) => placeholdersIn(v.text)));
	if (typeof message !== 'string')
		for (const d of message[0]?.declarations ?? []) {
			const input = /^input (\w+)$/.exec(d);
			if (input) names.add(input[1]);
		}
	return [...names].sort();
}

/** The `local x = y: plural` selectors of a message, which its variants' keys name. */
function pluralSelectors(message: VariantMessage): Set<string> {
	const names = new Set<string>();
	for (const d of message.declarations ?? []) {
		const local = /^local (\w+) = \w+: plural$/.exec(d);
		if (local) names.add(local[1]);
	}
	return names;
}

/** The characters a reader sees, placeholders left out. */
export function visibleLength(text: string): number {
	return text.replace(/\{\w+\}/g, '').length;
}

/** A button or field name (not a sentence): its length matters on a 360 px phone. */
export function isShortLabel(text: string): boolean {
	const length = visibleLength(text);
	return length > 0 && length <= SHORT_LABEL_MAX && !/[.!?…]\s*$/.test(text);
}

/**
 * The problems of one translated message against its French source. `french` undefined: the key
 * does not exist (a translation of nothing).
 */
export function checkMessage(
	key: string,
	french: Message | undefined,
	translated: Message,
	locale: Locale
): CatalogIssue[] {
	const issues: CatalogIssue[] = [];
	const error = (code: IssueCode, detail: string, variant?: string) =>
		issues.push({ key, level: 'error', code, detail, ...(variant ? { variant } : {}) });
	if (french === undefined) {
		error('unknown_key', 'no French message has this key');
		return issues;
	}
	const variants = variantsOf(translated);
	for (const { variant, text } of variants)
		if (!text.trim()) error('empty', 'the translation is empty', variant || undefined);

	const expected = placeholdersOf(french).join(', ');
	const got = placeholdersOf(translated).join(', ');
	if (expected !== got)
		error('placeholders', `placeholders {${got}} differ from the French {${expected}}`);
	// Each variant may only use the message's inputs (a typo like {nom} inside one variant).
	const allowed = new Set(placeholdersOf(french));
	for (const { variant, text } of variants)
		for (const name of placeholdersIn(text))
			if (!allowed.has(name))
				error('placeholders', `unknown placeholder {${name}}`, variant || undefined);

	if (typeof translated !== 'string') {
		const message = translated[0];
		if (typeof french === 'string') error('shape', 'the French message has no variants');
		else {
			const same = (a?: string[], b?: string[]) =>
				JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
			if (
				!same(message.declarations, french[0].declarations) ||
				!same(message.selectors, french[0].selectors)
			)
				error('declarations', 'declarations and selectors must be the French ones');
		}
		const selectors = message.selectors ?? [];
		const plural = pluralSelectors(message);
		const catchAll = selectors.map((s) => `${s}=*`).join(', ');
		if (!(catchAll in message.match))
			error('catch_all_missing', `the variant ${catchAll} is missing`);
		for (const variant of Object.keys(message.match)) {
			const parts = variant.split(',').map((p) => p.trim().split('='));
			if (parts.length !== selectors.length || parts.some(([s], i) => s !== selectors[i])) {
				error(
					'unknown_variant',
					`the variant does not match the selectors (${selectors.join(', ')})`,
					variant
				);
				continue;
			}
			for (const [selector, value] of parts)
				if (
					plural.has(selector) &&
					value !== '*' &&
					!/^\d+$/.test(value) &&
					!PLURAL_CATEGORIES[locale].includes(value)
				)
					error(
						'plural_category',
						`${locale} has no plural category "${value}" (it has: ${PLURAL_CATEGORIES[locale].join(', ')})`,
						variant
					);
		}
	} else if (typeof french !== 'string' && placeholdersOf(french).length === 0) {
		// A plain text for a plural French message is fine (one form for all numbers).
	}

	if (isSmsKey(key)) {
		for (const { variant, text } of variants) {
			const letters = nonGsmLetters(text);
			if (letters.length)
				error(
					'sms_not_gsm7',
					`an SMS reply must use only GSM-7 letters, not ${letters.join(' ')}`,
					variant || undefined
				);
			const fixed = text.replace(/\{\w+\}/g, '');
			if (gsm7Length(fixed) > SMS_MAX_LENGTH)
				error(
					'sms_too_long',
					`the SMS text is ${gsm7Length(fixed)} characters without its placeholders (at most ${SMS_MAX_LENGTH})`,
					variant || undefined
				);
		}
		return issues;
	}
	const frenchTexts = variantsOf(french);
	for (const { variant, text } of variants) {
		const source = frenchTexts.find((v) => v.variant === variant) ?? frenchTexts.at(-1)!;
		if (!isShortLabel(source.text)) continue;
		const frLength = visibleLength(source.text);
		const ratio = visibleLength(text) / frLength;
		if (ratio > LABEL_REFUSE_RATIO && visibleLength(text) > LABEL_REFUSE_LENGTH)
			error(
				'too_long',
				`${ratio.toFixed(1)}× the French length (at most ${LABEL_REFUSE_RATIO}× for a short label longer than ${LABEL_REFUSE_LENGTH} characters)`,
				variant || undefined
			);
		else if (ratio > LABEL_WARN_RATIO)
			issues.push({
				key,
				level: 'warning',
				code: 'too_long',
				detail: `${ratio.toFixed(1)}× the French length: check it fits a phone screen`,
				...(variant ? { variant } : {})
			});
	}
	return issues;
}

/**
 * A whole translated catalog of one area against French, and its review file: every translated
 * key has a status, and the review file names no other key.
 */
export function checkCatalog(
	french: Catalog,
	translated: Catalog,
	review: ReviewFile,
	locale: Locale
): CatalogIssue[] {
	const issues = Object.entries(translated).flatMap(([key, message]) =>
		checkMessage(key, french[key], message, locale)
	);
	for (const key of Object.keys(translated))
		if (!(REVIEW_STATUSES as readonly string[]).includes(review[key] as string))
			issues.push({
				key,
				level: 'error',
				code: 'shape',
				detail: 'no review status (needs-review or reviewed)'
			});
	for (const key of Object.keys(review))
		if (!(key in translated))
			issues.push({
				key,
				level: 'error',
				code: 'unknown_key',
				detail: 'a review status for a key with no translation'
			});
	return issues;
}
