// Co-editing benchmark: Palabre's /collab server against a bare y-websocket relay (the classic
// setupWSConnection), same workload, same run. Figures go to docs/performance.md. Not a test.
//
// Run (Node 20 cannot strip types; the bundle must sit under node_modules/ so that its external
// packages resolve):
//   npx esbuild bench/collab.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-collab.mjs && node node_modules/.cache/bench-collab.mjs
// Options: --quick (shorter windows) · --only=propagation,storm,idle · --sizes=150x30,500x50
//   --store=pglite
//   --migrations=<dir> (PGlite store: migrations that include the collab tables; default drizzle/)
// Talks to 127.0.0.1 only; the server runs in a child process so that its CPU and RSS are its own.
import {
	idleDocuments,
	joinStorm,
	propagation,
	type PropagationResult,
	type Windows
} from './collab-scenarios';
import { runServerChild, type ChildConfig } from './collab-server-child';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const only = option('only')?.split(',') ?? ['propagation', 'storm', 'idle'];
const store = (option('store') ?? 'memory') as ChildConfig['store'];
const windows: Windows = { warmupMs: quick ? 1_000 : 2_000, measureMs: quick ? 4_000 : 8_000 };
/** N connected × K typing; K = 10 % of N, plus the 150/30 point. */
const sizes = (option('sizes') ?? '50x5,150x30,200x20,500x50')
	.split(',')
	.map((pair) => pair.split('x').map(Number) as [number, number]);
/** The whole run stays within ~5 minutes on the 2-core box (scenarios past it are skipped). */
const BUDGET_MS = quick ? 150_000 : 240_000;
const startedAt = performance.now();

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

async function main() {
	const migrationsDir = option('migrations');
	const palabre: ChildConfig = { kind: 'palabre', store, migrationsDir };
	const fixedWindow: ChildConfig = { ...palabre, fanoutIntervalMs: 20 };
	const reference: ChildConfig = { kind: 'reference', store: 'memory' };
	console.log(
		`# /collab benchmark — ${new Date().toISOString()} — store: ${store}${quick ? ' (quick)' : ''}`
	);

	// Rows are printed as they come, so that a run cut short still reports what it measured.
	if (only.includes('propagation')) {
		console.log('\n## Update propagation (one document, K typists × 2 updates/s + caret)');
		console.log(
			'| server | N | K | p50 ms | p95 ms | p99 ms | delivered | server CPU % | server RSS MB | client ELU | p95 ÷ reference |'
		);
		console.log('|---|---|---|---|---|---|---|---|---|---|---|');
		for (const [n, k] of sizes) {
			if (overBudget()) break;
			const ref = await propagation(windows, 'reference relay', reference, n, k);
			printRow(ref, null);
			printRow(await propagation(windows, 'palabre', palabre, n, k), ref);
			if (n === 150 || n === 500) {
				printRow(await propagation(windows, 'palabre, fixed 20 ms window', fixedWindow, n, k), ref);
			}
		}
	}
	if (only.includes('storm') && !overBudget()) {
		console.log(
			'\n## Join storm (500 clients within 2 s, document with ≈ 500 KB of update history)'
		);
		console.log(
			'| server | history | joined | first join ms | p50 ms | p95 ms | max ms | server CPU s |'
		);
		console.log('|---|---|---|---|---|---|---|---|');
		for (const [label, config, compacted] of [
			['palabre, raw 500 KB log (first join replays it)', palabre, false],
			['palabre, history compacted (as the server keeps it)', palabre, true],
			['reference relay (history in memory)', reference, false]
		] as const) {
			const r = await joinStorm(label, config, compacted);
			console.log(
				`| ${r.server} | ${r.history} | ${r.joined} | ${fmt(r.first, 0)} | ${fmt(r.p50, 0)} | ` +
					`${fmt(r.p95, 0)} | ${fmt(r.max, 0)} | ${fmt(r.cpuSeconds, 2)} |`
			);
		}
	}
	if (only.includes('idle') && !overBudget()) {
		console.log('\n## Idle documents (200 documents, ≈ 2 KB of text and one connection each)');
		console.log(
			'| server | RSS per open document | heap per open document | unloaded after (idle delay 1 s) | heap per document after unload | RSS before → after |'
		);
		console.log('|---|---|---|---|---|---|');
		for (const [label, config] of [
			['palabre', palabre],
			['reference relay', reference]
		] as const) {
			const r = await idleDocuments(label, config);
			const unloaded = Number.isFinite(r.unloadedAfterMs) ? `${r.unloadedAfterMs} ms` : 'never';
			console.log(
				`| ${r.server} | ${fmt(r.rssPerOpenDocKb, 0)} KB | ${fmt(r.heapPerOpenDocKb, 0)} KB | ${unloaded} | ` +
					`${fmt(r.heapAfterUnloadPerDocKb, 1)} KB | ${fmt(r.rssBeforeMb, 0)} → ${fmt(r.rssAfterUnloadMb, 0)} MB |`
			);
		}
	}
	console.log(`\n(${Math.round((performance.now() - startedAt) / 1000)} s)`);
}

function printRow(row: PropagationResult, ref: PropagationResult | null) {
	console.log(
		`| ${row.server} | ${row.n} | ${row.k} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ` +
			`${fmt(row.delivered * 100, 0)} % | ${fmt(row.cpu, 0)} | ${fmt(row.rssMb, 0)} | ` +
			`${fmt(row.clientElu * 100, 0)} % | ${ref ? fmt(row.p95 / ref.p95, 2) + '×' : ''} |`
	);
}

function overBudget(): boolean {
	if (performance.now() - startedAt < BUDGET_MS) return false;
	console.log(
		`\n(time budget of ${BUDGET_MS / 1000} s spent: the remaining scenarios are skipped)`
	);
	return true;
}

if (args[0] === '--serve') {
	await runServerChild(JSON.parse(args[1]) as ChildConfig);
} else {
	await main();
}
