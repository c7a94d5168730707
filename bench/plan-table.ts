// Action plan table benchmark: a plan of 200 actions opened in Debian's chromium with the CPU
// throttled 4× (CDP Emulation.setCPUThrottlingRate), measuring the time from navigation until the
// table is interactive: the first title cell takes focus and Enter opens its editor, and then
// until the long tasks settle. The same page with 20 actions, and a static HTML table of 200 rows
// × 15 columns (no JavaScript), are measured in the same run as references. Target: ≤ 1 s.
//
// Run from the repository root after a build (the real server serves build/):
//   npm run build && npx tsx bench/plan-table.ts [--runs=5] [--rate=4]
// or bundled like the other benches:
//   npx esbuild bench/plan-table.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-plan-table.mjs && node node_modules/.cache/bench-plan-table.mjs
// Each measurement uses a fresh browser context (cold HTTP cache, empty IndexedDB).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { parseConfig } from '../src/lib/server/config';
import { startServer, type RunningServer } from '../server/http-server';
import { createTestDatabase, migrationsDir } from '../tests/helpers/test-database';
import { workshopWithFacilitator } from '../tests/helpers/fixtures';
import { appendActions } from '../src/lib/server/plans/read-plan';
import { ACTION_PRIORITIES, ACTION_STATUSES } from '../src/lib/domain/action-plan';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
	Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const RUNS = option('runs', 5);
const RATE = option('rate', 4);

/** Installed before any page script: records long tasks and the moment a cell takes input. */
const PROBE = `
window.__longTasks = [];
try {
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
	}).observe({ type: 'longtask', buffered: true });
} catch {}
const tryCell = () => {
	// The root layout marks <html data-hydrated> in its onMount: the app has started.
	if (window.__hydrated === undefined && document.documentElement.hasAttribute('data-hydrated'))
		window.__hydrated = performance.now();
	const active = document.activeElement;
	if (active && active.tagName === 'INPUT' && active.closest('td')) {
		window.__interactive = performance.now();
		return;
	}
	const cell = document.querySelector('td[data-field="title"]');
	if (cell && window.__tableShown === undefined) window.__tableShown = performance.now();
	// Once per frame until it works: focus the first cell and press Enter, as a person would.
	if (cell && !cell.querySelector('input')) {
		cell.focus();
		cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
	}
	requestAnimationFrame(tryCell);
};
// The static reference has no editor: a focused cell is its "interactive".
window.__staticProbe = () => {
	const cell = document.querySelector('td');
	cell.tabIndex = 0; cell.focus();
	if (document.activeElement === cell) window.__interactive = window.__tableShown = performance.now();
	else requestAnimationFrame(window.__staticProbe);
};
if (!location.href.startsWith('data:')) requestAnimationFrame(tryCell);
`;

interface Measure {
	/** The server's HTML fully received, and the document parsed (module scripts run after). */
	responseEnd: number;
	domReady: number;
	/** The root layout mounted (seen at the next frame); the static reference has none. */
	hydrated: number;
	shown: number;
	interactive: number;
	settled: number;
	longTasks: number;
	longTaskMs: number;
}

function realisticActions(count: number) {
	const axes = ['Eau et assainissement', 'Éducation', 'Santé', 'Économie locale', 'Gouvernance'];
	return Array.from({ length: count }, (_, i) => ({
		id: `action-${i}`,
		title: `Action ${i + 1} — réhabilitation du forage du quartier ${i % 17}`,
		description:
			'Réhabiliter le forage.\nFormer le comité de gestion.\nSuivre la qualité de l’eau.',
		owner: 'Service technique communal',
		partners: 'ONG Eau Vive, comité de quartier',
		budget: 500_000 + i * 125_000,
		funding: i % 3 === 0 ? 'FADeC' : i % 3 === 1 ? 'Budget communal' : 'Partenaires',
		start: `2027-${String((i % 12) + 1).padStart(2, '0')}-01`,
		deadline: `2028-${String((i % 12) + 1).padStart(2, '0')}-15`,
		indicator: 'Nombre de ménages desservis',
		baseline: '120',
		target: '450',
		axis: axes[i % axes.length],
		priority: ACTION_PRIORITIES[i % 3],
		status: ACTION_STATUSES[i % 4]
	}));
}

function staticTable(rows: number): string {
	const cells = (i: number) =>
		Array.from(
			{ length: 15 },
			(_, c) => `<td>Cellule ${i}.${c} — texte de démonstration</td>`
		).join('');
	const body = Array.from({ length: rows }, (_, i) => `<tr>${cells(i)}</tr>`).join('');
	return `<!doctype html><html><body><table><tbody>${body}</tbody></table></body></html>`;
}

async function measure(
	browser: Browser,
	baseURL: string,
	cookie: string,
	target: { url: string } | { html: string }
): Promise<Measure> {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: 1280, height: 800 },
		locale: 'fr-FR'
	});
	await context.addCookies([{ name: 'palabre_session', value: cookie, url: baseURL }]);
	await context.addInitScript(PROBE);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
	if ('url' in target) await page.goto(target.url, { waitUntil: 'commit' });
	else {
		await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(target.html)}`);
		await page.evaluate(() => (window as unknown as { __staticProbe(): void }).__staticProbe());
	}
	await page.waitForFunction(
		() => (window as unknown as { __interactive?: number }).__interactive,
		{
			timeout: 60_000,
			polling: 50
		}
	);
	// Long tasks settle: wait for 1 s without a new one (bounded to 10 s).
	const started = Date.now();
	let seen = -1;
	for (;;) {
		const count = await page.evaluate(
			() => (window as unknown as { __longTasks: unknown[] }).__longTasks.length
		);
		if (count === seen || Date.now() - started > 10_000) break;
		seen = count;
		await page.waitForTimeout(1_000);
	}
	const result = await page.evaluate(() => {
		const w = window as unknown as {
			__longTasks: [number, number][];
			__interactive: number;
			__tableShown: number;
			__hydrated?: number;
		};
		const ends = w.__longTasks.map(([s, d]) => s + d);
		const nav = performance.getEntriesByType('navigation')[0] as
			PerformanceNavigationTiming | undefined;
		return {
			responseEnd: nav?.responseEnd ?? 0,
			domReady: nav?.domContentLoadedEventEnd ?? 0,
			hydrated: w.__hydrated ?? Number.NaN,
			shown: w.__tableShown,
			interactive: w.__interactive,
			settled: Math.max(w.__interactive, ...ends),
			longTasks: w.__longTasks.length,
			longTaskMs: w.__longTasks.reduce((sum, [, d]) => sum + d, 0)
		};
	});
	await context.close();
	return result;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

/**
 * The real server over a fresh test database, like tests/helpers/test-server.ts, but with the
 * handler found from the working directory so the bundled bench (in node_modules/.cache) finds it.
 */
async function startBenchServer(): Promise<RunningServer> {
	// adapter-node reads this once when imported (see server/http-server.ts loadKitHandler).
	process.env.PROTOCOL_HEADER ??= 'x-palabre-protocol';
	const { handler } = await import(pathToFileURL(path.resolve('build/handler.js')).href);
	const database = await createTestDatabase();
	const running = await startServer(
		{
			...parseConfig({ PORT: '0', HOST: '127.0.0.1' }),
			migrationsDir,
			databaseUrl: undefined
		},
		{ database, kitHandler: handler }
	);
	return {
		...running,
		async close() {
			await running.close();
			await database.close();
		}
	};
}

async function main() {
	const server = await startBenchServer();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run']
	});
	try {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const plans: Record<string, string> = {};
		for (const count of [200, 20]) {
			const res = await facilitator.client.json<{ id: string }>(
				`/api/workshops/${workshop.id}/documents`,
				{ method: 'POST', json: { kind: 'action_plan', title: `Plan de ${count} actions` } }
			);
			await server.app.liveDocuments.editDoc(res.body.id, (doc) =>
				appendActions(doc, realisticActions(count))
			);
			plans[count] = `/w/${workshop.code}/plans/${res.body.id}`;
		}
		const cookie = facilitator.client.cookie('palabre_session')!;
		const cases: [string, { url: string } | { html: string }][] = [
			['plan page, 200 actions', { url: plans[200] }],
			['plan page, 20 actions', { url: plans[20] }],
			['static HTML table, 200 × 15 (reference)', { html: staticTable(200) }]
		];
		// One unmeasured load warms the server (SSR code paths, document load).
		await measure(browser, server.url, cookie, { url: plans[200] });
		console.log(`CPU throttling ${RATE}×, ${RUNS} runs each (fresh context), median [min–max] ms`);
		console.log(
			'case | HTML received | DOM ready | table shown | app hydrated | first cell takes input | long tasks settled | long tasks (count, total ms)'
		);
		for (const [label, target] of cases) {
			const runs: Measure[] = [];
			for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, server.url, cookie, target));
			const fmt = (key: keyof Measure) => {
				const values = runs.map((r) => r[key]);
				if (values.some(Number.isNaN)) return '–';
				return `${Math.round(median(values))} [${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}]`;
			};
			console.log(
				`${label} | ${fmt('responseEnd')} | ${fmt('domReady')} | ${fmt('shown')} | ${fmt('hydrated')} | ${fmt('interactive')} | ${fmt('settled')} | ${fmt('longTasks')}, ${fmt('longTaskMs')}`
			);
		}
	} finally {
		await browser.close();
		await server.close();
	}
}

await main();
