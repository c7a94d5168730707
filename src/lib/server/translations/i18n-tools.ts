// The repository's translation checks as commands: `npm run i18n:check` (every catalog against
// French, every review file against its catalog, the participant screens covered) and
// `npm run i18n:participant-keys` (regenerate the manifest). The unit tests call the same functions.
import fs from 'node:fs';
import path from 'node:path';
import { checkCatalog, type CatalogIssue } from '../../domain/catalog-check';
import { BASE_LOCALE, LOCALES, PARTIAL_LOCALES, type Locale } from '../../domain/locales';
import { formatJson, loadCatalogs } from './catalog-files';
import { MANIFEST_PATH, participantKeys } from './participant-keys';

export interface CheckReport {
	errors: (CatalogIssue & { locale: Locale; area: string })[];
	warnings: (CatalogIssue & { locale: Locale; area: string })[];
	/** Participant keys each partial language lacks. */
	uncovered: Record<string, string[]>;
}

export function readManifest(root: string): Record<string, string[]> {
	return JSON.parse(fs.readFileSync(path.join(root, MANIFEST_PATH), 'utf8'));
}

export function checkTranslations(root: string): CheckReport {
	const set = loadCatalogs(root, LOCALES);
	const report: CheckReport = { errors: [], warnings: [], uncovered: {} };
	const manifest = readManifest(root);
	for (const locale of LOCALES) {
		if (locale === BASE_LOCALE) continue;
		for (const area of set.areas) {
			// English is written by the team with the French: no review file.
			const review =
				locale === 'en'
					? Object.fromEntries(
							Object.keys(set.catalogs[locale][area]).map((k) => [k, 'reviewed' as const])
						)
					: set.reviews[locale][area];
			for (const issue of checkCatalog(
				set.catalogs.fr[area],
				set.catalogs[locale][area],
				review,
				locale
			))
				(issue.level === 'error' ? report.errors : report.warnings).push({
					...issue,
					locale,
					area
				});
		}
		if (PARTIAL_LOCALES.includes(locale)) {
			const missing = Object.entries(manifest).flatMap(([area, keys]) =>
				keys.filter((key) => !(key in set.catalogs[locale][area])).map((key) => `${area}/${key}`)
			);
			if (missing.length) report.uncovered[locale] = missing;
		}
	}
	return report;
}

export function formatReport(report: CheckReport): string {
	const line = (i: CheckReport['errors'][number]) =>
		`${i.locale} ${i.area}/${i.key}${i.variant ? ` [${i.variant}]` : ''}: ${i.detail}`;
	const lines = [
		...report.errors.map((i) => `error   ${line(i)}`),
		...report.warnings.map((i) => `warning ${line(i)}`),
		...Object.entries(report.uncovered).map(
			([locale, keys]) =>
				`error   ${locale}: ${keys.length} participant keys not translated: ${keys.slice(0, 10).join(', ')}${keys.length > 10 ? '…' : ''}`
		)
	];
	const errors = report.errors.length + Object.keys(report.uncovered).length;
	lines.push(`${errors} error(s), ${report.warnings.length} warning(s)`);
	return lines.join('\n');
}

/** `npm run i18n:check`: prints the report; false when the catalogs cannot ship. */
export function runCheck(root: string): boolean {
	const report = checkTranslations(root);
	console.log(formatReport(report));
	return report.errors.length === 0 && Object.keys(report.uncovered).length === 0;
}

/** `npm run i18n:participant-keys`. */
export async function writeManifest(root: string) {
	const manifest = participantKeys(root);
	const file = path.join(root, MANIFEST_PATH);
	fs.writeFileSync(file, await formatJson(file, manifest));
	const total = Object.values(manifest).flat().length;
	console.log(
		`${MANIFEST_PATH}: ${total} participant keys in ${Object.keys(manifest).length} areas`
	);
}
