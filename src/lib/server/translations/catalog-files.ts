// The message catalogs on disk, for the translation tools (CLI export/import, the checker, the
// participant-key manifest) and the tests: which areas project.inlang/settings.json lists, each
// area's `<locale>.json` and `<locale>.review.json`, read and written in the repository's format.
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../domain/locales';
import type { Catalog, ReviewFile } from '../../domain/catalog-check';

export const SCHEMA_URL = 'https://inlang.com/schema/inlang-message-format';

export interface CatalogSet {
	areas: string[];
	/** locale → area → catalog (an area a language has no file for is an empty catalog). */
	catalogs: Record<string, Record<string, Catalog>>;
	reviews: Record<string, Record<string, ReviewFile>>;
}

/** The areas, in the order of settings.json's path patterns (`./src/messages/<area>/{locale}.json`). */
export function catalogAreas(root: string): string[] {
	const settings = JSON.parse(
		fs.readFileSync(path.join(root, 'project.inlang/settings.json'), 'utf8')
	);
	const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
	return patterns.map((p) => /src\/messages\/([^/]+)\/\{locale\}\.json$/.exec(p)![1]);
}

export function catalogPath(
	root: string,
	area: string,
	locale: string,
	kind: 'catalog' | 'review'
) {
	return path.join(
		root,
		'src/messages',
		area,
		kind === 'catalog' ? `${locale}.json` : `${locale}.review.json`
	);
}

function readJson(file: string): Record<string, unknown> {
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

export function readCatalog(root: string, area: string, locale: string): Catalog {
	const { $schema: _schema, ...messages } = readJson(catalogPath(root, area, locale, 'catalog'));
	return messages as Catalog;
}

export function readReview(root: string, area: string, locale: string): ReviewFile {
	return readJson(catalogPath(root, area, locale, 'review')) as ReviewFile;
}

export function loadCatalogs(root: string, locales: readonly string[]): CatalogSet {
	const areas = catalogAreas(root);
	const set: CatalogSet = { areas, catalogs: {}, reviews: {} };
	for (const locale of locales) {
		set.catalogs[locale] = Object.fromEntries(areas.map((a) => [a, readCatalog(root, a, locale)]));
		set.reviews[locale] = Object.fromEntries(areas.map((a) => [a, readReview(root, a, locale)]));
	}
	return set;
}

/**
 * JSON as the repository keeps it (prettier: tabs, short arrays on one line). Prettier is a
 * development tool: where it is not installed the file is plain tab-indented JSON, still valid.
 */
export async function formatJson(file: string, value: unknown): Promise<string> {
	const text = JSON.stringify(value, null, '\t') + '\n';
	try {
		const prettier = await import('prettier');
		const options = (await prettier.resolveConfig(file)) ?? {};
		return await prettier.format(text, { ...options, filepath: file });
	} catch {
		return text;
	}
}

/** Writes one area's catalog (with its `$schema` line first) and, beside it, its review statuses. */
export async function writeCatalog(
	root: string,
	area: string,
	locale: Locale,
	catalog: Catalog,
	review: ReviewFile | null
) {
	const file = catalogPath(root, area, locale, 'catalog');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, await formatJson(file, { $schema: SCHEMA_URL, ...catalog }));
	if (review) {
		const reviewFile = catalogPath(root, area, locale, 'review');
		fs.writeFileSync(reviewFile, await formatJson(reviewFile, review));
	}
}
