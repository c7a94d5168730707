// `npm run palabre -- translations export <locale> <file.csv>` and `… import <locale> <file.csv>`:
// the catalog of one language to a spreadsheet and back, for a community translator who does not
// touch code. Import writes nothing unless every row is right.
import fs from 'node:fs';
import { isLocale, BASE_LOCALE, LOCALES, type Locale } from '../../domain/locales';
import { loadCatalogs, writeCatalog } from './catalog-files';
import { exportCsv, importCsv, type ImportProblem } from './translation-csv';
import { readManifest } from './i18n-tools';

type Say = (key: string, params?: Record<string, unknown>) => string;

function problemLine(t: Say, p: ImportProblem): string {
	return t('cli_translations_problem', { row: p.row, key: p.key || '—', reason: p.reason });
}

export async function translationsCommand(root: string, args: string[], t: Say): Promise<number> {
	const [action, locale, file] = args;
	if (
		!['export', 'import'].includes(action) ||
		!file ||
		!isLocale(locale) ||
		locale === BASE_LOCALE
	) {
		console.error(
			t('cli_translations_usage', { locales: LOCALES.filter((l) => l !== BASE_LOCALE).join(' | ') })
		);
		return 2;
	}
	const set = loadCatalogs(root, LOCALES);
	if (action === 'export') {
		fs.writeFileSync(file, exportCsv(set, locale, readManifest(root)));
		console.log(t('cli_translations_exported', { locale, file }));
		return 0;
	}
	if (!fs.existsSync(file)) {
		console.error(t('cli_restore_missing', { file }));
		return 1;
	}
	const result = importCsv(fs.readFileSync(file, 'utf8'), set, locale as Locale);
	if (!result.ok) {
		console.error(t('cli_translations_refused', { file, count: result.problems.length }));
		for (const p of result.problems) console.error(problemLine(t, p));
		return 1;
	}
	for (const [area, { catalog, review }] of Object.entries(result.areas))
		await writeCatalog(root, area, locale, catalog, locale === 'en' ? null : review);
	if (result.warnings.length) console.warn(t('cli_translations_warnings'));
	for (const w of result.warnings) console.warn(problemLine(t, w));
	console.log(
		t('cli_translations_imported', {
			locale,
			count: result.translated,
			warnings: result.warnings.length
		})
	);
	return 0;
}
