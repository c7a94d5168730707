// Each language's coverage, computed once from the catalogs bundled at build time (Vite reads
// every `src/messages/<area>/<locale>(.review).json`): nothing hard-coded, and no catalog file is
// read at request time. Server-only: the pages receive the few numbers.
import { coverageOf, type Coverage } from '../domain/catalog-coverage';
import type { Catalog, ReviewFile } from '../domain/catalog-check';
import { LOCALES, type Locale } from '../domain/locales';
import manifest from '../../messages/participant-keys.json';

const files = import.meta.glob<Record<string, unknown>>('../../messages/*/*.json', {
	eager: true,
	import: 'default'
});

function byArea(suffix: string): Record<string, Record<string, unknown>> {
	const out: Record<string, Record<string, unknown>> = {};
	for (const [file, content] of Object.entries(files)) {
		const match = /messages\/([^/]+)\/([^/]+)\.json$/.exec(file);
		if (!match || match[2] !== suffix) continue;
		const { $schema: _schema, ...messages } = content;
		out[match[1]] = messages;
	}
	return out;
}

const french = byArea('fr') as Record<string, Catalog>;

/** Computed once when the module loads (a few thousand lookups): the catalogs cannot change. */
const COVERAGE: ReadonlyMap<Locale, Coverage> = new Map(
	LOCALES.map((l) => {
		const reviews = l === 'en' ? null : (byArea(`${l}.review`) as Record<string, ReviewFile>);
		return [l, coverageOf(l, manifest, french, byArea(l) as Record<string, Catalog>, reviews)];
	})
);

export function catalogCoverage(locale: Locale): Coverage {
	return COVERAGE.get(locale)!;
}
