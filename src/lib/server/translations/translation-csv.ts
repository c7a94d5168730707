// A language's catalog as a spreadsheet a community translator can fill in (LibreOffice, Excel,
// Google Sheets), and back: one row per message, or per plural variant (`dotsPlural=one`), with
// the French and English beside the translation, its review status, a length limit and a note.
// Import is all or nothing: any wrong row refuses the whole file, listing row numbers and reasons.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
	checkMessage,
	isShortLabel,
	isSmsKey,
	LABEL_WARN_RATIO,
	PLURAL_CATEGORIES,
	variantsOf,
	visibleLength,
	type Catalog,
	type CatalogIssue,
	type Message,
	type ReviewFile,
	type ReviewStatus
} from '../../domain/catalog-check';
import type { Locale } from '../../domain/locales';
import { SMS_MAX_LENGTH } from '../../domain/sms-commands';
import type { CatalogSet } from './catalog-files';

export const CSV_COLUMNS = [
	'key',
	'area',
	'variant',
	'french',
	'english',
	'translation',
	'status',
	'max_length',
	'note'
] as const;

/** What the status column may say: the French words the export writes, or the file codes. */
const STATUS_WORDS: Record<string, ReviewStatus> = {
	'à relire': 'needs-review',
	'needs-review': 'needs-review',
	relu: 'reviewed',
	reviewed: 'reviewed'
};
const STATUS_LABEL: Record<ReviewStatus, string> = { 'needs-review': 'à relire', reviewed: 'relu' };

/** The variants a language's message should have: each of its plural categories, then `*`. */
function expectedVariants(french: Message, locale: Locale): string[] {
	if (typeof french === 'string') return [''];
	const message = french[0];
	const plural = new Set(
		(message.declarations ?? []).flatMap((d) => /^local (\w+) = \w+: plural$/.exec(d)?.[1] ?? [])
	);
	const selectors = message.selectors ?? [];
	// One list of values per selector; their product is every variant.
	const values = selectors.map((s) =>
		plural.has(s)
			? [...PLURAL_CATEGORIES[locale].filter((c) => c !== 'other'), '*']
			: [
					...new Set(
						Object.keys(message.match).map((v) => v.split(', ')[selectors.indexOf(s)].split('=')[1])
					)
				]
	);
	let combos: string[][] = [[]];
	for (const [i, list] of values.entries())
		combos = combos.flatMap((c) => list.map((v) => [...c, `${selectors[i]}=${v}`]));
	return combos.map((c) => c.join(', '));
}

function textOf(message: Message | undefined, variant: string): string {
	if (message === undefined) return '';
	const variants = variantsOf(message);
	if (variant === '') return variants.length === 1 ? variants[0].text : '';
	const catchAll = (v: { variant: string }) => v.variant.split(', ').every((p) => p.endsWith('=*'));
	return (variants.find((v) => v.variant === variant) ?? variants.find(catchAll))?.text ?? '';
}

function noteFor(key: string, french: Message, variant: string): string {
	const notes: string[] = [];
	const names = [
		...new Set(
			variantsOf(french).flatMap((v) => [...v.text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))
		)
	];
	if (names.length) notes.push(`Garder ${names.map((n) => `{${n}}`).join(' ')} tels quels`);
	if (variant)
		notes.push(
			variant
				.split(', ')
				.map((part) => {
					const [selector, value] = part.split('=');
					const input = selector.replace(/Plural$/, '');
					return value === '*'
						? `{${input}} : tous les autres nombres`
						: `{${input}} : catégorie « ${value} » (${value === 'one' ? '1' : value})`;
				})
				.join(' ; ')
		);
	if (isSmsKey(key))
		notes.push('SMS : lettres simples (GSM-7), pas de ɗ ƙ ŋ ë ni guillemets typographiques');
	return notes.join('. ');
}

function maxLength(key: string, frenchText: string): string {
	if (isSmsKey(key)) return String(SMS_MAX_LENGTH);
	return isShortLabel(frenchText)
		? String(Math.floor(visibleLength(frenchText) * LABEL_WARN_RATIO))
		: '';
}

/**
 * Every French message as rows for `locale`, participant screens first (the keys that matter
 * most), then the rest of each area.
 */
export function exportCsv(
	set: CatalogSet,
	locale: Locale,
	participantKeys: Record<string, string[]>
): string {
	const rows: string[][] = [[...CSV_COLUMNS]];
	const participant = new Set(Object.values(participantKeys).flat());
	const keys = set.areas.flatMap((area) =>
		Object.keys(set.catalogs.fr[area]).map((key) => ({ area, key }))
	);
	const ordered = [
		...keys.filter((k) => participant.has(k.key)),
		...keys.filter((k) => !participant.has(k.key))
	];
	for (const { area, key } of ordered) {
		const french = set.catalogs.fr[area][key];
		const translated = set.catalogs[locale]?.[area]?.[key];
		const status = set.reviews[locale]?.[area]?.[key];
		// A translation written as one text for every number stays one row.
		const variants =
			translated !== undefined && typeof translated === 'string'
				? ['']
				: [
						...new Set([
							...(translated ? variantsOf(translated).map((v) => v.variant) : []),
							...expectedVariants(french, locale)
						])
					];
		for (const variant of variants) {
			const frenchText = textOf(french, variant) || variantsOf(french).at(-1)!.text;
			rows.push([
				key,
				area,
				variant,
				frenchText,
				textOf(set.catalogs.en?.[area]?.[key], variant),
				textOf(translated, variant),
				translated !== undefined ? STATUS_LABEL[status ?? 'needs-review'] : '',
				maxLength(key, frenchText),
				noteFor(key, french, variant)
			]);
		}
	}
	return stringify(rows, { bom: true });
}

export interface ImportProblem {
	/** The spreadsheet's row number (the header is row 1). */
	row: number;
	key: string;
	reason: string;
}

export type ImportResult =
	| { ok: false; problems: ImportProblem[] }
	| {
			ok: true;
			/** area → the new catalog and review file (only areas with a translated row). */
			areas: Record<string, { catalog: Catalog; review: ReviewFile }>;
			translated: number;
			warnings: ImportProblem[];
	  };

interface Row {
	row: number;
	key: string;
	variant: string;
	translation: string;
	status: string;
}

function issueToProblem(issue: CatalogIssue, rows: Row[]): ImportProblem {
	const row = rows.find((r) => r.variant === (issue.variant ?? r.variant)) ?? rows[0];
	return {
		row: row.row,
		key: issue.key,
		reason: issue.variant ? `${issue.variant}: ${issue.detail}` : issue.detail
	};
}

/**
 * Reads a filled spreadsheet for `locale`. A key whose translation cells are all empty is left as
 * it is; everything else replaces the key's translation and review status.
 */
export function importCsv(text: string, set: CatalogSet, locale: Locale): ImportResult {
	let records: Record<string, string>[];
	try {
		records = parse(text, {
			bom: true,
			columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
			skip_empty_lines: true,
			relax_column_count: true
		});
	} catch (error) {
		return {
			ok: false,
			problems: [
				{ row: 0, key: '', reason: `not a readable CSV file: ${(error as Error).message}` }
			]
		};
	}
	const problems: ImportProblem[] = [];
	if (records.length > 0 && !('key' in records[0] && 'translation' in records[0]))
		return {
			ok: false,
			problems: [
				{
					row: 1,
					key: '',
					reason: 'the first row must name the columns, with at least "key" and "translation"'
				}
			]
		};
	const areaOf = new Map(
		set.areas.flatMap((area) =>
			Object.keys(set.catalogs.fr[area]).map((key) => [key, area] as const)
		)
	);

	// Rows grouped by key, in file order.
	const byKey = new Map<string, Row[]>();
	records.forEach((record, i) => {
		const row: Row = {
			row: i + 2,
			key: (record.key ?? '').trim(),
			variant: (record.variant ?? '').trim(),
			translation: record.translation ?? '',
			status: (record.status ?? '').trim().toLowerCase()
		};
		if (!row.key) {
			if (row.translation.trim())
				problems.push({ row: row.row, key: '', reason: 'a translation without a key' });
			return;
		}
		const rows = byKey.get(row.key) ?? [];
		if (rows.some((r) => r.variant === row.variant))
			problems.push({
				row: row.row,
				key: row.key,
				reason: `the same key${row.variant ? ' and variant' : ''} appears twice`
			});
		rows.push(row);
		byKey.set(row.key, rows);
	});

	const areas: Record<string, { catalog: Catalog; review: ReviewFile }> = {};
	const warnings: ImportProblem[] = [];
	let translated = 0;
	for (const [key, rows] of byKey) {
		const filled = rows.filter((r) => r.translation.trim() !== '');
		const area = areaOf.get(key);
		if (!area) {
			if (filled.length)
				problems.push({ row: filled[0].row, key, reason: 'no French message has this key' });
			continue;
		}
		const current = set.catalogs[locale]?.[area]?.[key];
		if (filled.length === 0) {
			if (current !== undefined && rows.some((r) => r.translation !== '' || r.status))
				problems.push({ row: rows[0].row, key, reason: 'the translation is empty' });
			continue;
		}
		const status = STATUS_WORDS[filled[0].status || 'à relire'];
		if (!status) {
			problems.push({
				row: filled[0].row,
				key,
				reason: `unknown status "${filled[0].status}" (à relire or relu)`
			});
			continue;
		}
		const french = set.catalogs.fr[area][key];
		let message: Message;
		// An empty variant row is a variant left out: the `=*` one covers its numbers.
		if (filled.length === 1 && filled[0].variant === '') message = filled[0].translation;
		else if (typeof french === 'string' || filled.some((r) => r.variant === '')) {
			problems.push({
				row: rows[0].row,
				key,
				reason: 'this message has no variants: one row with an empty variant'
			});
			continue;
		} else
			message = [
				{
					declarations: french[0].declarations,
					selectors: french[0].selectors,
					match: Object.fromEntries(filled.map((r) => [r.variant, r.translation]))
				}
			];
		for (const issue of checkMessage(key, french, message, locale))
			(issue.level === 'error' ? problems : warnings).push(issueToProblem(issue, rows));
		const target = (areas[area] ??= {
			catalog: { ...set.catalogs[locale]?.[area] },
			review: { ...set.reviews[locale]?.[area] }
		});
		target.catalog[key] = message;
		target.review[key] = status;
		translated++;
	}
	if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
	// New keys land in French order after the ones the file had; existing keys keep their place.
	for (const [area, { catalog, review }] of Object.entries(areas)) {
		const frenchOrder = Object.keys(set.catalogs.fr[area]);
		const before = Object.keys(set.catalogs[locale]?.[area] ?? {});
		const added = frenchOrder.filter((k) => k in catalog && !before.includes(k));
		areas[area] = {
			catalog: Object.fromEntries([...before, ...added].map((k) => [k, catalog[k]])),
			review: Object.fromEntries(
				[
					...Object.keys(set.reviews[locale]?.[area] ?? {}),
					...added.filter((k) => !(k in (set.reviews[locale]?.[area] ?? {})))
				].map((k) => [k, review[k]])
			)
		};
	}
	return { ok: true, areas, translated, warnings };
}
