// Durability benchmark: how old the oldest accepted-but-not-stored update of one document gets
// while 1,000 updates/s arrive — the group commit (server/collab/document-persistence.ts) against
// the persistence it replaced (bench/reference-persistence.ts: ≤ 64 updates per append, one append
// per 500 ms), same workload, same store, interleaved in the same run. Not a test.
//
// Run (Node 20 cannot strip types; the bundle must sit under node_modules/ so that its external
// packages resolve):
//   npx esbuild bench/collab-durability.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=node_modules/.cache/bench-durability.mjs \
//     && node node_modules/.cache/bench-durability.mjs
// Options: --rate=1000 (updates/s) · --seconds=8 · --repeat=3 · --store=pglite|postgres
//   (postgres: DATABASE_URL names the server; a throwaway database is created there)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import * as Y from 'yjs';
import { createSqlDocumentStore } from '../server/collab/document-store';
import { createDocumentPersistence } from '../server/collab/document-persistence';
import { openDatabase } from '../src/lib/server/db/client';
import { cliOption, numberOption, percentile } from './harness';
import { createReferencePersistence } from './reference-persistence';

const RATE = numberOption('rate', 1000);
const SECONDS = numberOption('seconds', 8);
const REPEAT = numberOption('repeat', 3);
const STORE = cliOption('store', 'pglite');
const TICK_MS = 5;

interface Persistence {
	add(update: Uint8Array): unknown;
	notDurable(): Uint8Array[];
	flush(): Promise<void>;
	dispose(): void;
	stats(): { appends: number };
}

type Make = (
	store: ReturnType<typeof createSqlDocumentStore>,
	docId: string,
	doc: Y.Doc
) => Persistence;

const logger = { warn: () => {}, error: (e: string, d?: unknown) => console.error(e, d) };
const variants: Array<[string, Make]> = [
	[
		'group commit (100 ms window, everything pending)',
		(store, docId, doc) =>
			createDocumentPersistence({
				store,
				docId,
				snapshot: () => Y.encodeStateAsUpdate(doc),
				windowMs: 100,
				compactEveryAppends: 200,
				compactEveryBytes: 512 * 1024,
				logger,
				loadedUpToId: 0,
				loadedCompacted: true
			})
	],
	[
		'before (≤ 64 updates per append, 500 ms)',
		(store, docId, doc) =>
			createReferencePersistence({
				store,
				docId,
				snapshot: () => Y.encodeStateAsUpdate(doc),
				flushDelayMs: 500,
				compactEveryAppends: 200,
				compactEveryBytes: 512 * 1024,
				logger,
				loadedUpToId: 0,
				loadedCompacted: true
			})
	]
];

/** One run: RATE updates/s of real typing for SECONDS, sampling the oldest unstored update's age. */
async function run(make: Make, store: ReturnType<typeof createSqlDocumentStore>) {
	const docId = crypto.randomUUID();
	const doc = new Y.Doc();
	const persistence = make(store, docId, doc);
	const addedAt = new WeakMap<Uint8Array, number>();
	doc.on('update', (update: Uint8Array) => {
		addedAt.set(update, performance.now());
		persistence.add(update);
	});
	const ages: number[] = [];
	let sent = 0;
	const start = performance.now();
	const end = start + SECONDS * 1000;
	await new Promise<void>((resolve) => {
		const tick = () => {
			const now = performance.now();
			const due = Math.min(RATE * SECONDS, Math.floor(((now - start) / 1000) * RATE));
			// One update per keystroke, as 20 phones send them (a late tick catches up).
			while (sent < due) {
				doc.getText('body').insert(0, String.fromCharCode(97 + (sent % 26)));
				sent++;
			}
			const oldest = persistence.notDurable()[0];
			ages.push(oldest ? now - (addedAt.get(oldest) ?? now) : 0);
			if (now >= end) return resolve();
			setTimeout(tick, TICK_MS);
		};
		tick();
	});
	const backlog = persistence.notDurable().length;
	const appends = persistence.stats().appends;
	await persistence.flush();
	persistence.dispose();
	doc.destroy();
	return {
		p50: percentile(ages, 50),
		p99: percentile(ages, 99),
		max: Math.max(...ages),
		backlog,
		appends,
		rate: sent / SECONDS
	};
}

async function openStore() {
	if (STORE === 'postgres') {
		const url = process.env.DATABASE_URL;
		if (!url) throw new Error('--store=postgres needs DATABASE_URL');
		const name = `palabre_bench_${Date.now().toString(36)}`;
		const admin = postgres(url, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		await admin.end();
		const target = new URL(url);
		target.pathname = `/${name}`;
		const handle = await openDatabase({
			databaseUrl: target.toString(),
			migrationsDir: path.resolve('drizzle')
		});
		return {
			store: createSqlDocumentStore(handle.db),
			async close() {
				await handle.close();
				const drop = postgres(url, { max: 1, onnotice: () => {} });
				await drop.unsafe(`drop database if exists ${name} with (force)`);
				await drop.end();
			}
		};
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-durability-'));
	const handle = await openDatabase({ dataDir: dir, migrationsDir: path.resolve('drizzle') });
	return {
		store: createSqlDocumentStore(handle.db),
		async close() {
			await handle.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

async function main() {
	const { store, close } = await openStore();
	console.log(
		`# Durability benchmark — ${new Date().toISOString()} — ${STORE}, ${RATE} updates/s on one document for ${SECONDS} s, ${REPEAT} runs each (interleaved), Node ${process.versions.node}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`
	);
	console.log(
		'\n| persistence | run | updates/s sent | oldest unstored p50 ms | p99 ms | max ms | unstored at the end | appends |'
	);
	console.log('|---|---|---|---|---|---|---|---|');
	for (let r = 1; r <= REPEAT; r++) {
		for (const [name, make] of variants) {
			const result = await run(make, store);
			console.log(
				`| ${name} | ${r} | ${Math.round(result.rate)} | ${result.p50.toFixed(0)} | ${result.p99.toFixed(0)} | ${result.max.toFixed(0)} | ${result.backlog} | ${result.appends} |`
			);
		}
	}
	await close();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
