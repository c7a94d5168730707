// The server side of bench/collab.ts, run in a child process so that its CPU time and RSS are the
// server's alone. Speaks to the parent over IPC: ready → {port}; stats, seed, close on request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import * as Y from 'yjs';
import { createCollabServer, type CollabServer } from '../server/collab/collab-server';
import {
	createMemoryDocumentStore,
	createSqlDocumentStore,
	type DocumentStore
} from '../server/collab/document-store';
import { createReferenceRelay, type ReferenceRelay } from './reference-relay';
import type { Database } from '../src/lib/server/db/client';
import { makeHistory } from './collab-load';

export interface ChildConfig {
	kind: 'palabre' | 'reference';
	store: 'memory' | 'pglite';
	fanoutIntervalMs?: number;
	migrationsDir?: string;
}

export type ChildRequest =
	| { type: 'stats'; gc?: boolean }
	| { type: 'seed'; docId: string; bytes: number; compacted?: boolean }
	| { type: 'close' };

export interface ChildStats {
	cpuMicros: number;
	rss: number;
	/** V8 heap + external + array buffers: what the documents really hold. */
	heapUsed: number;
	documents: number;
	connections: number;
}

export async function runServerChild(config: ChildConfig) {
	let pglite: PGlite | null = null;
	let store: DocumentStore = createMemoryDocumentStore();
	if (config.kind === 'palabre' && config.store === 'pglite') {
		pglite = new PGlite();
		const db = drizzle({ client: pglite });
		await migrate(db, { migrationsFolder: config.migrationsDir ?? 'drizzle' });
		store = createSqlDocumentStore(db as unknown as Database);
	}
	let collab: CollabServer | null = null;
	let relay: ReferenceRelay | null = null;
	if (config.kind === 'palabre') {
		collab = createCollabServer({
			store,
			authorize: async (req) => {
				const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? 'anon';
				return { ok: true, principal: { userId: token, displayName: token }, canWrite: () => true };
			},
			idleUnloadMs: 1_000,
			fanoutIntervalMs: config.fanoutIntervalMs,
			logger: { warn: () => {}, error: (event, data) => console.error(event, data) }
		});
	} else {
		relay = createReferenceRelay();
	}
	const server = http.createServer();
	server.on('upgrade', (req, socket, head) => {
		const taken = collab
			? collab.handleUpgrade(req, socket, head)
			: relay?.handleUpgrade(req, socket, head);
		if (!taken) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const send = (message: unknown) => process.send?.(message);

	process.on('message', async (request: ChildRequest) => {
		if (request.type === 'stats') {
			const gc = (globalThis as { gc?: () => void }).gc;
			if (request.gc && gc) gc();
			const usage = process.cpuUsage();
			const memory = process.memoryUsage();
			const registry = collab?.registry.stats();
			send({
				type: 'stats',
				stats: {
					cpuMicros: usage.user + usage.system,
					rss: memory.rss,
					heapUsed: memory.heapUsed + memory.external + memory.arrayBuffers,
					documents: registry?.documents ?? 0,
					connections: registry?.connections ?? 0
				} satisfies ChildStats
			});
		} else if (request.type === 'seed') {
			// The same history for both: appended to the log (Palabre loads it on first join) or
			// applied to the relay's in-memory document (the classic server keeps it all in memory).
			const updates = makeHistory(request.bytes);
			if (relay) {
				const doc = relay.getDoc(request.docId);
				for (const update of updates) Y.applyUpdate(doc, update);
			} else if (request.compacted) {
				// What the server leaves behind: the same history folded into one snapshot.
				const doc = new Y.Doc();
				doc.transact(() => updates.forEach((update) => Y.applyUpdate(doc, update)));
				await store.compact(request.docId, Y.encodeStateAsUpdate(doc), 0);
			} else {
				for (const update of updates) await store.appendUpdate(request.docId, update);
			}
			send({
				type: 'seeded',
				updates: updates.length,
				bytes: updates.reduce((n, u) => n + u.length, 0)
			});
		} else if (request.type === 'close') {
			await collab?.close();
			await relay?.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await pglite?.close();
			send({ type: 'closed' });
			process.exit(0);
		}
	});
	send({ type: 'ready', port: (server.address() as AddressInfo).port });
}
