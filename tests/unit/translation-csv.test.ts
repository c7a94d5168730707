import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { translationsCommand } from '../../src/lib/server/translations/translations-command';

const repo = path.resolve(import.meta.dirname, '../..');

/** A copy of the catalogs (settings, messages) to export from and import into. */
let root: string;
beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-csv-'));
	fs.cpSync(
		path.join(repo, 'project.inlang/settings.json'),
		path.join(root, 'project.inlang/settings.json')
	);
	fs.cpSync(path.join(repo, 'src/messages'), path.join(root, 'src/messages'), { recursive: true });
	fs.copyFileSync(path.join(repo, '.prettierrc'), path.join(root, '.prettierrc'));
	vi.spyOn(console, 'log').mockImplementation(() => {});
	vi.spyOn(console, 'warn').mockImplementation(() => {});
	vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
	vi.restoreAllMocks();
	fs.rmSync(root, { recursive: true, force: true });
});

const say = (key: string, params: Record<string, unknown> = {}) =>
	`${key} ${JSON.stringify(params)}`;
const run = (...args: string[]) => translationsCommand(root, args, say);

/** Every catalog file's bytes, to show an import changed nothing. */
function snapshot(): Map<string, string> {
	const files = new Map<string, string>();
	const messages = path.join(root, 'src/messages');
	for (const area of fs.readdirSync(messages)) {
		const dir = path.join(messages, area);
		if (!fs.statSync(dir).isDirectory()) continue;
		for (const file of fs.readdirSync(dir))
			files.set(`${area}/${file}`, fs.readFileSync(path.join(dir, file), 'utf8'));
	}
	return files;
}

type Row = Record<string, string>;
function exported(locale: string): Row[] {
	const file = path.join(root, `${locale}.csv`);
	return parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Row[];
}
function writeRows(name: string, rows: Row[]): string {
	const file = path.join(root, name);
	fs.writeFileSync(file, stringify(rows, { header: true, columns: Object.keys(rows[0]) }));
	return file;
}
function errorsPrinted(): string {
	return (console.error as unknown as { mock: { calls: unknown[][] } }).mock.calls
		.map((c) => String(c[0]))
		.join('\n');
}

describe('translations export and import', () => {
	it('export then import of a language changes nothing', async () => {
		const before = snapshot();
		for (const locale of ['ha', 'wo', 'dje']) {
			const file = path.join(root, `${locale}.csv`);
			expect(await run('export', locale, file)).toBe(0);
			expect(await run('import', locale, file)).toBe(0);
		}
		expect(snapshot()).toEqual(before);
	});

	it('exports one row per plural variant the language has, with the French, the English and a status', async () => {
		await run('export', 'ha', path.join(root, 'ha.csv'));
		const rows = exported('ha').filter((r) => r.key === 'vote_hint_dots');
		expect(rows.map((r) => r.variant)).toEqual(['dotsPlural=one', 'dotsPlural=*']);
		expect(rows[1].french).toContain('{dots}');
		expect(rows[1].english).toContain('{dots}');
		expect(rows[0].status).toBe('à relire');
		await run('export', 'wo', path.join(root, 'wo.csv'));
		expect(
			exported('wo')
				.filter((r) => r.key === 'vote_hint_dots')
				.map((r) => r.variant)
		).toEqual(['dotsPlural=*']);
	});

	it('writes a good import to the catalog and its review status', async () => {
		await run('export', 'ha', path.join(root, 'ha.csv'));
		const rows = exported('ha').map((r) =>
			r.key === 'join_submit' ? { ...r, translation: 'Shiga yanzu', status: 'relu' } : r
		);
		expect(await run('import', 'ha', writeRows('edited.csv', rows))).toBe(0);
		const catalog = JSON.parse(
			fs.readFileSync(path.join(root, 'src/messages/core/ha.json'), 'utf8')
		);
		const review = JSON.parse(
			fs.readFileSync(path.join(root, 'src/messages/core/ha.review.json'), 'utf8')
		);
		expect(catalog.join_submit).toBe('Shiga yanzu');
		expect(review.join_submit).toBe('reviewed');
	});

	it('adds a translation of a key the language did not have yet, marked to review', async () => {
		await run('export', 'wo', path.join(root, 'wo.csv'));
		const rows = exported('wo').map((r) =>
			r.key === 'agenda_title' ? { ...r, translation: 'Tëralin' } : r
		);
		expect(await run('import', 'wo', writeRows('new.csv', rows))).toBe(0);
		const catalog = JSON.parse(
			fs.readFileSync(path.join(root, 'src/messages/agenda/wo.json'), 'utf8')
		);
		const review = JSON.parse(
			fs.readFileSync(path.join(root, 'src/messages/agenda/wo.review.json'), 'utf8')
		);
		expect(catalog.agenda_title).toBe('Tëralin');
		expect(review.agenda_title).toBe('needs-review');
	});

	it.each([
		[
			'a broken placeholder',
			(r: Row) => (r.key === 'join_title' ? { ...r, translation: 'Shiga {titre}' } : r),
			/join_title.*placeholders/
		],
		[
			'a plural message without its =* variant',
			(r: Row) =>
				r.key === 'vote_hint_dots' && r.variant === 'dotsPlural=*'
					? { ...r, variant: 'dotsPlural=two' }
					: r,
			/vote_hint_dots.*dotsPlural=\*/
		],
		[
			'an unknown key',
			(r: Row) => (r.key === 'join_submit' ? { ...r, key: 'join_submit_now' } : r),
			/join_submit_now.*no French message/
		],
		[
			'a Hausa letter in an SMS reply',
			(r: Row) =>
				r.key === 'sms_joined' ? { ...r, translation: 'Barka da zuwa {name}, ɗan taro!' } : r,
			/sms_joined.*GSM-7/
		]
	])(
		'refuses the whole file for %s, naming the row, and changes nothing',
		async (_what, edit, reason) => {
			await run('export', 'ha', path.join(root, 'ha.csv'));
			const rows = exported('ha');
			// A good change rides along: it is not written either.
			const changed = rows.map((r) =>
				r.key === 'home_join_submit' ? { ...r, translation: 'Shiga yanzu' } : edit(r)
			);
			const file = writeRows('bad.csv', changed);
			const before = snapshot();
			expect(await run('import', 'ha', file)).toBe(1);
			expect(snapshot()).toEqual(before);
			const printed = errorsPrinted();
			expect(printed).toContain('cli_translations_refused');
			expect(printed).toMatch(reason);
			expect(printed).toMatch(/"row":\d+/);
		}
	);

	it('refuses a plural category the language does not have (Wolof has no « one »)', async () => {
		await run('export', 'wo', path.join(root, 'wo.csv'));
		const rows = exported('wo');
		const i = rows.findIndex((r) => r.key === 'vote_hint_dots');
		rows.splice(i, 0, { ...rows[i], variant: 'dotsPlural=one', translation: 'Benn gommette' });
		const before = snapshot();
		expect(await run('import', 'wo', writeRows('one.csv', rows))).toBe(1);
		expect(snapshot()).toEqual(before);
		expect(errorsPrinted()).toMatch(/wo has no plural category \\"one\\"/);
	});

	it('refuses the base language and an unknown one', async () => {
		expect(await run('export', 'fr', path.join(root, 'fr.csv'))).toBe(2);
		expect(await run('export', 'xx', path.join(root, 'xx.csv'))).toBe(2);
	});
});
