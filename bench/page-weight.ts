// Page-weight benchmark: what a participant's phone downloads on its first, cold-cache load of
// the workshop page `/w/CODE` and of the light voting page `/w/CODE/vote/POLL`, against the
// votes issue's budget (≤ 80 KB gzipped: HTML, CSS, JS and data together). Bytes on the wire as
// the production build serves them (precompressed assets, HTML as the Node server sends it),
// counted from Chromium's CDP Network events. Figures go to docs/performance.md. Not a test.
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
import { chromium, type Browser } from 'playwright-core';
import { startServer } from '../server/http-server';
import { parseConfig } from '../src/lib/server/config';
import type { User } from '../src/lib/server/repositories/users';

const BUDGET = 80 * 1024;
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const ENCODINGS = (option('encoding') ?? 'gzip|gzip, deflate, br').split('|');

type Kind = 'html' | 'css' | 'js' | 'data' | 'other';
const KIND_OF: Record<string, Kind> = {
	Document: 'html',
	Stylesheet: 'css',
	Script: 'js',
	Fetch: 'data',
	XHR: 'data'
};

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
	return {
		url: running.url,
		code: workshop.code,
		pollId: poll.id,
		token,
		async close() {
			await running.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** One cold load in a fresh 360 px phone context; bytes per kind once the page is live. */
async function measure(
	browser: Browser,
	base: string,
	token: string,
	pathname: string,
	encoding: string
) {
	const context = await browser.newContext({
		baseURL: base,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		locale: 'fr-FR'
	});
	await context.addCookies([{ name: 'palabre_session', value: token, url: base }]);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } });
	const kinds = new Map<string, Kind>();
	const urls = new Map<string, string>();
	const bytes: Record<Kind, number> = { html: 0, css: 0, js: 0, data: 0, other: 0 };
	const files: Array<{ url: string; kind: Kind; bytes: number }> = [];
	cdp.on('Network.responseReceived', (e) => {
		kinds.set(e.requestId, KIND_OF[e.type] ?? 'other');
		urls.set(e.requestId, e.response.url);
	});
	// Socket.io frames after the upgrade (or from the start, WebSocket first) are data too.
	cdp.on('Network.webSocketFrameReceived', (e) => {
		const size = e.response.payloadData.length + 2;
		bytes.data += size;
		files.push({ url: 'websocket frame', kind: 'data', bytes: size });
	});
	cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
		const size = (e.response.headersText ?? '').length;
		bytes.data += size;
		files.push({ url: 'websocket handshake', kind: 'data', bytes: size });
	});
	cdp.on('Network.loadingFinished', (e) => {
		const kind = kinds.get(e.requestId) ?? 'other';
		bytes[kind] += e.encodedDataLength;
		files.push({ url: urls.get(e.requestId) ?? '?', kind, bytes: e.encodedDataLength });
	});
	const response = await page.goto(pathname, { waitUntil: 'networkidle' });
	const dump = option('dump');
	if (dump && response)
		fs.writeFileSync(
			`${dump}-${pathname.split('/').length}.html`,
			JSON.stringify(await response.allHeaders(), null, 1) + '\n' + (await response.text())
		);
	// The page is live once the socket has greeted it: the polls and the count are there.
	await page.getByText('En ligne', { exact: false }).first().waitFor();
	await page.waitForLoadState('networkidle');
	await context.close();
	const total = Object.values(bytes).reduce((a, b) => a + b, 0);
	return { bytes, total, files };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

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
		['/w/CODE', `/w/${palabre.code}`],
		['/w/CODE/vote/POLL', `/w/${palabre.code}/vote/${palabre.pollId}`]
	] as const;
	const rows: string[] = [];
	try {
		for (const encoding of ENCODINGS) {
			for (const [label, pathname] of pages) {
				const r = await measure(browser, palabre.url, palabre.token, pathname, encoding);
				if (args.includes('--files'))
					for (const f of r.files.sort((a, b) => b.bytes - a.bytes))
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
						r.total <= BUDGET ? `ok (${r.total} B ≤ ${BUDGET} B)` : `over by ${r.total - BUDGET} B`
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
