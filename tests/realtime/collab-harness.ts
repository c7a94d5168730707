// Test harness for /collab: a plain http server on port 0 routing upgrades to the collab server,
// real y-websocket providers (Node `ws` as the WebSocket), raw `ws` clients, and a fake
// authorize() where the token in the query string picks the user. Everything it creates is
// closed by `cleanup()` (call it in afterEach).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	createCollabServer,
	type CollabServer,
	type CollabServerOptions
} from '../../server/collab/collab-server';
import type { DocumentStore } from '../../server/collab/document-store';
import type { AuthNotice } from '../../server/collab/protocol';
import { recordServerNotices } from '../helpers/collab-client';
import type { Authorize, CollabLogger, DenyReason, RefusalReason } from '../../server/collab/types';
import {
	createDurabilityTracker,
	type DurabilityState,
	type DurabilityTracker
} from '../../src/lib/client/collab-durability';

export type Role = 'facilitator' | 'participant' | 'observer' | 'reviewer' | 'outsider';

const USERS: Record<string, { name: string; role: Role; color: string }> = {
	fatou: { name: 'Fatou', role: 'facilitator', color: '#d97706' },
	alice: { name: 'Alice', role: 'participant', color: '#2563eb' },
	bob: { name: 'Bob', role: 'participant', color: '#16a34a' },
	olive: { name: 'Olive', role: 'observer', color: '#9333ea' },
	remi: { name: 'Rémi', role: 'reviewer', color: '#db2777' },
	zed: { name: 'Zed', role: 'outsider', color: '#000000' }
};
const WRITERS: Role[] = ['facilitator', 'participant'];

/** What the real authorize() will do with sessions and memberships, reduced to a token → role map. */
export function createFakeAccess(documentIds: string[] = []) {
	const documents = new Set(documentIds);
	const locked = new Set<string>();
	const roles = new Map(Object.entries(USERS).map(([token, user]) => [token, user.role]));
	const denied: Array<{ userId: string; reason: DenyReason | RefusalReason }> = [];
	const canWriteCalls = { count: 0 };
	/** Size caps per document (bytes), as the facilitator set them; none = no cap. */
	const caps = new Map<string, number>();
	const authorize: Authorize = async (req, documentId) => {
		const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
		const user = token ? USERS[token] : undefined;
		if (!token || !user) return { ok: false, status: 401 };
		if (!documents.has(documentId)) return { ok: false, status: 404 };
		if (roles.get(token) === 'outsider') return { ok: false, status: 403 };
		return {
			ok: true,
			principal: { userId: token, displayName: user.name, color: user.color },
			canWrite: () => {
				canWriteCalls.count++;
				if (locked.has(documentId)) return 'locked';
				return WRITERS.includes(roles.get(token) as Role) ? true : 'read_only';
			},
			onDenied: (reason) => denied.push({ userId: token, reason }),
			maxDocumentBytes: () => caps.get(documentId) ?? Infinity
		};
	};
	return {
		authorize,
		setCap: (id: string, bytes: number) => caps.set(id, bytes),
		denied,
		canWriteCalls,
		addDocument: (id: string) => documents.add(id),
		lock: (id: string) => locked.add(id),
		unlock: (id: string) => locked.delete(id),
		setRole: (token: string, role: Role) => roles.set(token, role)
	};
}

export interface TestServer {
	collab: CollabServer;
	http: http.Server;
	url: string;
	port: number;
	warnings: string[];
	close(): Promise<void>;
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	notices: AuthNotice[];
	closeCodes: number[];
	closeReasons: string[];
	/** What the editor's badge would say: edits not yet confirmed stored, storage lagging. */
	durability: DurabilityTracker;
	saved(): DurabilityState;
	text(): string;
	destroy(): void;
}

export interface RawClient {
	ws: WebSocket;
	messages: Uint8Array[];
	opened: Promise<void>;
	closed: Promise<{ code: number; reason: string }>;
}

export function randomDocId(): string {
	return crypto.randomUUID();
}

export function createHarness() {
	const servers: TestServer[] = [];
	const clients: TestClient[] = [];
	const raws: WebSocket[] = [];

	/** `port`: reuse the port of a server that was closed, so that clients reconnect by themselves. */
	async function start(
		options: Partial<CollabServerOptions> & {
			store: DocumentStore;
			authorize: Authorize;
			port?: number;
		}
	): Promise<TestServer> {
		const warnings: string[] = [];
		const logger: CollabLogger = {
			warn: (event) => warnings.push(event),
			error: (event) => warnings.push(event)
		};
		const collab = createCollabServer({ flushDelayMs: 50, logger, ...options });
		const server = http.createServer((_req, res) => {
			res.statusCode = 404;
			res.end();
		});
		server.on('upgrade', (req, socket, head) => {
			if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', resolve);
		});
		const port = (server.address() as AddressInfo).port;
		let closed = false;
		const handle: TestServer = {
			collab,
			http: server,
			port,
			url: `ws://127.0.0.1:${port}/collab`,
			warnings,
			async close() {
				if (closed) return;
				closed = true;
				try {
					await collab.close();
				} finally {
					server.closeAllConnections();
					await new Promise<void>((resolve) => server.close(() => resolve()));
				}
			}
		};
		servers.push(handle);
		return handle;
	}

	function connect(
		server: { url: string },
		docId: string,
		token: string | null,
		options: { doc?: Y.Doc; connect?: boolean } = {}
	): TestClient {
		const doc = options.doc ?? new Y.Doc();
		// As the app does: counted before the provider sends anything.
		const durability = createDurabilityTracker(
			doc,
			() => {},
			WebSocket as unknown as typeof globalThis.WebSocket
		);
		const provider = new WebsocketProvider(server.url, docId, doc, {
			WebSocketPolyfill: durability.WebSocket,
			// Node 20 has a global BroadcastChannel: clients of one process would sync through it.
			disableBc: true,
			params: token ? { token } : {},
			maxBackoffTime: 200,
			connect: options.connect ?? true
		});
		const { notices, closeCodes, closeReasons } = recordServerNotices(provider, durability);
		const client: TestClient = {
			doc,
			provider,
			notices,
			closeCodes,
			closeReasons,
			durability,
			saved: () => durability.state(),
			text: () => doc.getText('body').toString(),
			destroy() {
				durability.destroy();
				provider.destroy();
				doc.destroy();
			}
		};
		clients.push(client);
		return client;
	}

	function raw(server: { url: string }, docId: string, token: string): RawClient {
		const ws = new WebSocket(`${server.url}/${docId}?token=${token}`);
		raws.push(ws);
		const messages: Uint8Array[] = [];
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
		ws.on('error', () => {});
		return {
			ws,
			messages,
			opened: new Promise((resolve, reject) => {
				ws.once('open', () => resolve());
				ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
			}),
			closed: new Promise((resolve) =>
				ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
			)
		};
	}

	async function cleanup() {
		for (const client of clients.splice(0)) client.destroy();
		for (const ws of raws.splice(0)) ws.terminate();
		await Promise.all(servers.splice(0).map((server) => server.close()));
	}

	return { start, connect, raw, cleanup };
}

/** Sends an HTTP upgrade by hand: the status proves the refusal happened before any WebSocket. */
export function upgradeStatus(port: number, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request({
			host: '127.0.0.1',
			port,
			path,
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString(
					'base64'
				)
			}
		});
		req.on('response', (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		});
		req.on('upgrade', (_res, socket) => {
			socket.destroy();
			resolve(101);
		});
		req.on('error', reject);
		req.end();
	});
}

/** Small deterministic PRNG (mulberry32): a failing fuzz seed can be replayed forever. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
