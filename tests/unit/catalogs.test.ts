import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/lib/protocol/errors';
import { PLURAL_CATEGORIES } from '../../src/lib/domain/catalog-check';
import { LOCALES, PARTIAL_LOCALES } from '../../src/lib/domain/locales';
import { checkTranslations, readManifest } from '../../src/lib/server/translations/i18n-tools';
import { participantKeys } from '../../src/lib/server/translations/participant-keys';

const repo = path.resolve(import.meta.dirname, '../..');

const root = path.resolve(import.meta.dirname, '../../src/messages');
const areas = fs
	.readdirSync(root)
	.filter((name) => fs.statSync(path.join(root, name)).isDirectory());

/** A simple message is a string; one with variants (plural, select) an array of objects. */
type Variants = [{ declarations?: string[]; selectors?: string[]; match: Record<string, string> }];
type Message = string | Variants;

function load(area: string, locale: string): Record<string, Message> {
	const data = JSON.parse(fs.readFileSync(path.join(root, area, `${locale}.json`), 'utf8'));
	delete data.$schema;
	return data;
}

/** Every text a message can show: the string, or each variant's. */
function texts(message: Message): string[] {
	return typeof message === 'string' ? [message] : Object.values(message[0].match);
}

/** The parameters a message takes: placeholders in its texts and declared inputs. */
function placeholders(message: Message): string[] {
	const found = new Set(
		texts(message).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
	);
	if (typeof message !== 'string')
		for (const d of message[0].declarations ?? []) {
			const input = /^input (\w+)$/.exec(d);
			if (input) found.add(input[1]);
		}
	// Locals (`countPlural`) are derived from inputs, not passed in.
	return [...found].filter((p) => !p.endsWith('Plural')).sort();
}

function everyText(locale: string) {
	return areas.flatMap((area) =>
		Object.entries(load(area, locale)).flatMap(([key, message]) =>
			texts(message).map((text) => ({ where: `${area}/${key}`, text }))
		)
	);
}

/** A French high punctuation mark ending a phrase: before a space, the end or a closing mark. */
const HIGH_PUNCTUATION = /(.)([:;?!])(?=\s|$|[»)"’])/gu;
const NO_BREAK = /[\u202f\u00a0]/;

describe('message catalogs', () => {
	it('have the same keys in French and English in every area, with the same placeholders', () => {
		for (const area of areas) {
			const fr = load(area, 'fr');
			const en = load(area, 'en');
			expect(Object.keys(en).sort(), area).toEqual(Object.keys(fr).sort());
			for (const key of Object.keys(fr)) {
				expect(placeholders(en[key]), `${area}/${key}`).toEqual(placeholders(fr[key]));
				for (const text of texts(fr[key])) expect(text.trim(), `${area}/${key}`).not.toBe('');
			}
		}
	});

	it('never define one key in two areas', () => {
		const seen = new Map<string, string>();
		for (const area of areas) {
			for (const key of Object.keys(load(area, 'fr'))) {
				expect(seen.get(key), `${key} in ${area}`).toBeUndefined();
				seen.set(key, area);
			}
		}
	});

	it('translate every error code the server can send', () => {
		const fr = Object.assign({}, ...areas.map((a) => load(a, 'fr')));
		for (const code of Object.keys(ERROR_STATUS)) {
			expect(fr[`error_${code}`], code).toBeTruthy();
		}
	});

	it('write French with curly apostrophes only', () => {
		const straight = everyText('fr').filter(({ text }) => text.includes("'"));
		expect(straight.map((s) => `${s.where}: ${s.text}`)).toEqual([]);
	});

	it('put a no-break space before : ; ? ! in French', () => {
		const wrong = everyText('fr').flatMap(({ where, text }) =>
			[...text.matchAll(HIGH_PUNCTUATION)]
				.filter((m) => !NO_BREAK.test(m[1]))
				.map((m) => `${where}: «${m[1]}${m[2]}» in ${text}`)
		);
		expect(wrong).toEqual([]);
	});

	it('have no space before : ; ? ! in English', () => {
		const wrong = everyText('en').filter(({ text }) =>
			/[\s\u202f\u00a0][:;?!](?=\s|$)/u.test(text)
		);
		expect(wrong.map((s) => `${s.where}: ${s.text}`)).toEqual([]);
	});

	it('use plural forms, never « (s) » hacks, for counted words', () => {
		const hacks = [...everyText('fr'), ...everyText('en')].filter(({ text }) =>
			/\p{L}\((s|e|es|x)\)/u.test(text)
		);
		expect(hacks.map((s) => `${s.where}: ${s.text}`)).toEqual([]);
		// A number put before a plural noun in a plain string reads « 1 gommettes »: such a
		// message must select its variant by the number.
		const UNITS = new Set(['ms', 'fois']);
		const NUMBER = /^(count|max|min|dots|points|voted|eligible|total|present|minutes|n)$/;
		for (const locale of ['fr', 'en'])
			for (const area of areas)
				for (const [key, message] of Object.entries(load(area, locale))) {
					if (typeof message !== 'string') continue;
					const counted = [...message.matchAll(/\{(\w+)\} (\p{L}+s)\b/gu)].filter(
						(m) => NUMBER.test(m[1]) && !UNITS.has(m[2])
					);
					expect(
						counted.map((m) => m[0]),
						`${locale} ${area}/${key}`
					).toEqual([]);
				}
	});
});

describe('catalogs of the languages beyond French and English', () => {
	const report = checkTranslations(repo);
	const line = (i: (typeof report.errors)[number]) =>
		`${i.locale} ${i.area}/${i.key}${i.variant ? ` [${i.variant}]` : ''}: ${i.detail}`;

	it('translate only French keys, with the French placeholders, valid variants and nothing empty', () => {
		expect(report.errors.map(line)).toEqual([]);
	});

	it('give a review status to exactly the translated keys', () => {
		for (const locale of PARTIAL_LOCALES)
			for (const area of areas) {
				const file = path.join(root, area, `${locale}.json`);
				if (!fs.existsSync(file)) continue;
				const translated = Object.keys(load(area, locale)).sort();
				const review = JSON.parse(
					fs.readFileSync(path.join(root, area, `${locale}.review.json`), 'utf8')
				);
				expect(Object.keys(review).sort(), `${locale} ${area}`).toEqual(translated);
				for (const status of Object.values(review))
					expect(['needs-review', 'reviewed']).toContain(status);
			}
	});

	it('cover every participant key in Hausa, Wolof and Zarma', () => {
		expect(report.uncovered).toEqual({});
		const manifest = readManifest(repo);
		for (const locale of ['ha', 'wo', 'dje'])
			for (const [area, keys] of Object.entries(manifest)) {
				const catalog = load(area, locale);
				expect(
					keys.filter((k) => !(k in catalog)),
					`${locale} ${area}`
				).toEqual([]);
			}
	});

	it('list the participant keys as the participant pages reach them today (npm run i18n:participant-keys)', () => {
		expect(participantKeys(repo)).toEqual(readManifest(repo));
	});

	it('name the plural categories Intl.PluralRules selects for each language CLDR knows', () => {
		for (const locale of LOCALES) {
			const rules = new Intl.PluralRules(locale).resolvedOptions();
			// Zarma has no CLDR rules: Intl answers with its default language; only `=*` is safe.
			if (rules.locale.split('-')[0] !== locale) {
				expect(PLURAL_CATEGORIES[locale], locale).toEqual(['other']);
				continue;
			}
			expect([...rules.pluralCategories].sort(), locale).toEqual(
				[...PLURAL_CATEGORIES[locale]].sort()
			);
		}
	});
});
