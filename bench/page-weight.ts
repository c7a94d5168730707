// Page-weight benchmark: what a participant's phone downloads on its first, cold-cache load of
// the join page `/j/CODE`, the workshop page `/w/CODE`, the light voting page `/w/CODE/vote/POLL`
// and the light opinion page `/w/CODE/opinion/MAP`, against the budgets (gzip: ≤ 50, 80, 75 and
// 74 KB; HTML, CSS, JS and data together). Bytes on the wire as the production build serves them (precompressed assets, HTML as
// the Node server sends it), counted from Chromium's CDP Network events
// (tests/helpers/page-weight.ts, also used by the failing test tests/e2e/page-weight.test.ts).
// Figures go to docs/performance.md.
//
// Run from the repository root after `npm run build` (the bundle must sit under node_modules/ so
// that its external packages resolve):
//   npx esbuild bench/page-weight.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-page-weight.mjs && node node_modules/.cache/bench-page-weight.mjs
// Options: --encoding=gzip|br (Accept-Encoding asked for the assets; default: both, one after
// the other).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../server/http-server';
import { parseConfig } from '../src/lib/server/config';
import type { User } from '../src/lib/server/repositories/users';
import { kb, measurePageWeight } from '../tests/helpers/page-weight';

/** The room-ready issue's budgets (gzip); tests/e2e/page-weight.test.ts fails over them. */
const BUDGETS: Record<string, number> = {
	'/j/CODE': 50 * 1024,
	'/w/CODE': 80 * 1024,
	'/w/CODE/vote/POLL': 75 * 1024,
	'/w/CODE/opinion/MAP': 74 * 1024
};
const live = (page: Page) => page.getByText('En ligne', { exact: false }).first().waitFor();
const hydrated = (page: Page) => page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const ENCODINGS = (option('encoding') ?? 'gzip|gzip, deflate, br').split('|');

async function startPalabre() {
	// adapter-node reads this once when imported (see server/http-server.ts loadKitHandler).
	process.env.PROTOCOL_HEADER ??= 'x-palabre-protocol';
	const handler = path.resolve('build/handler.js');
	if (!fs.existsSync(handler)) throw new Error('build/handler.js missing: run `npm run build`');
	const { handler: kitHandler } = await import(pathToFileURL(handler).href);
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-weight-'));
	const running = await startServer(
		{
			...parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }),
			migrationsDir: path.resolve('drizzle')
		},
		{ kitHandler }
	);
	const { app } = running;
	const facilitator = await app.accounts.signUp({
		email: `weight-${Date.now()}@example.org`,
		name: 'Animatrice',
		password: 'mot-de-passe-bench'
	});
	const workshop = await app.workshops.create(facilitator, {
		title: 'Conférence de quartier (banc d’essai)',
		kind: 'conference'
	});
	const { user } = await app.members.join(null, { code: workshop.code, displayName: 'Haoua' });
	const token = (await app.sessions.create((user as User).id)).token;
	const poll = await app.polls.create(facilitator, workshop.id, {
		question: 'Quel thème pour la prochaine conférence ?',
		method: 'single',
		options: [{ label: 'Eau potable' }, { label: 'Santé' }, { label: 'Éducation' }],
		reveal: 'live'
	});
	await app.polls.command(facilitator, poll.id, 'open');
	const map = await app.opinion.create(facilitator, workshop.id, {
		prompt: 'Qu’est-ce qu’un bon citoyen dans le quartier ?',
		seeds: ['Un bon citoyen paie sa taxe de voirie.', 'Les jeunes siègent au conseil.']
	});
	return {
		url: running.url,
		code: workshop.code,
		pollId: poll.id,
		mapId: map.id,
		token,
		async close() {
			await running.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/**
 * What the service worker then caches at install (src/service-worker.ts: every built asset and
 * static file), as precompressed on disk for `encoding`: data spent right after the first load.
 */
function precacheBytes(encoding: string): number {
	const client = path.resolve('build/client');
	let total = 0;
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (!/\.(gz|br)$/.test(file) && !file.endsWith('service-worker.js')) {
				const packed = `${file}.${encoding.includes('br') ? 'br' : 'gz'}`;
				total += fs.statSync(fs.existsSync(packed) ? packed : file).size;
			}
		}
	};
	walk(client);
	return total;
}

async function main() {
	const palabre = await startPalabre();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run']
	});
	const pages = [
		['/j/CODE', `/j/${palabre.code}`, undefined, hydrated],
		['/w/CODE', `/w/${palabre.code}`, palabre.token, live],
		['/w/CODE/vote/POLL', `/w/${palabre.code}/vote/${palabre.pollId}`, palabre.token, live],
		['/w/CODE/opinion/MAP', `/w/${palabre.code}/opinion/${palabre.mapId}`, palabre.token, live]
	] as const;
	const rows: string[] = [];
	try {
		for (const encoding of ENCODINGS) {
			for (const [label, pathname, token, ready] of pages) {
				const r = await measurePageWeight(browser, {
					base: palabre.url,
					pathname,
					token,
					encoding,
					ready
				});
				const budget = BUDGETS[label];
				if (args.includes('--files'))
					for (const f of r.files)
						console.log(`  ${kb(f.bytes).padStart(9)} ${f.kind.padEnd(5)} ${f.url}`);
				rows.push(
					[
						label,
						encoding,
						kb(r.bytes.html),
						kb(r.bytes.css),
						kb(r.bytes.js),
						kb(r.bytes.data + r.bytes.other),
						kb(r.total),
						r.total <= budget ? `ok (${r.total} B ≤ ${budget} B)` : `over by ${r.total - budget} B`
					].join(' | ')
				);
			}
		}
	} finally {
		await browser.close();
		await palabre.close();
	}
	console.log(`| page | encoding | HTML | CSS | JS | data | total | budget |`);
	console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
	for (const row of rows) console.log(`| ${row} |`);
	for (const encoding of ENCODINGS)
		console.log(
			`service-worker precache after the first load (${encoding}): ${kb(precacheBytes(encoding))}`
		);
	console.log(
		`${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${new Date().toISOString()}`
	);
}

await main();
