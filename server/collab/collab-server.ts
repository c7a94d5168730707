// The /collab/<documentId> endpoint: authorizes inside the HTTP upgrade (a plain 401/403/404
// before any WebSocket exists), then hands the socket to the document registry. `ws` runs in
// noServer mode: the app's single upgrade handler calls `handleUpgrade` and moves on if it is false.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { CLOSE } from './close-codes';
import { createDocumentRegistry, type CollabRegistry } from './document-registry';
import type { DocumentStore } from './document-store';
import type { Authorize, CollabGrant, CollabLogger, RegistryOptions } from './types';
import { createCollabLogger } from './collab-logger';

export interface CollabServerOptions extends Omit<RegistryOptions, 'maxUpdateBytes'> {
	store: DocumentStore;
	authorize: Authorize;
	/** Largest single Yjs update accepted; above it the connection closes with 4413. Default 1 MiB. */
	maxUpdateBytes?: number;
	/** Default '/collab'. */
	pathPrefix?: string;
	/** Dead connections (no pong) are dropped after one interval. Default 30 s. */
	pingIntervalMs?: number;
}

export interface CollabServer {
	/** true if the URL is under /collab (the request is then answered, one way or another). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	registry: CollabRegistry;
	/** Closes every connection (1001), persists and compacts every document. */
	close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_TEXT: Record<number, [string, string]> = {
	401: ['Unauthorized', 'unauthorized'],
	403: ['Forbidden', 'forbidden'],
	404: ['Not Found', 'unknown_document'],
	500: ['Internal Server Error', 'internal_error'],
	503: ['Service Unavailable', 'server_going_away']
};
const CLOSE_GRACE_MS = 1_000;

export function createCollabServer(options: CollabServerOptions): CollabServer {
	const logger: CollabLogger = options.logger ?? createCollabLogger();
	const maxUpdateBytes = options.maxUpdateBytes ?? 1024 * 1024;
	const prefix = (options.pathPrefix ?? '/collab').replace(/\/+$/, '');
	const registry = createDocumentRegistry(options.store, { ...options, maxUpdateBytes, logger });
	const maxAwarenessBytes = options.maxAwarenessBytes ?? 64 * 1024;
	// Frames above maxPayload are cut by `ws` itself (1009); keep it well above our own limits so
	// that an oversized update is read and refused with 4413.
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: 2 * Math.max(maxUpdateBytes, maxAwarenessBytes) + 1024,
		perMessageDeflate: false
	});
	const authorizing = new Set<Duplex>();
	const sockets = new Set<WebSocket>();
	const alive = new WeakSet<WebSocket>();
	let closing = false;

	const ping = setInterval(() => {
		for (const ws of sockets) {
			if (!alive.has(ws)) {
				ws.terminate();
				continue;
			}
			alive.delete(ws);
			ws.ping();
		}
	}, options.pingIntervalMs ?? 30_000);
	ping.unref?.();

	/** undefined: not our path; null: our path but not a document id (404). */
	function documentIdOf(url: string | undefined): string | null | undefined {
		const path = (url ?? '').split('?')[0];
		if (path !== prefix && !path.startsWith(prefix + '/')) return undefined;
		const id = path.slice(prefix.length + 1);
		return UUID.test(id) ? id.toLowerCase() : null;
	}

	function reject(socket: Duplex, status: number) {
		const [text, code] = STATUS_TEXT[status] ?? STATUS_TEXT[500];
		if (!socket.writable) return void socket.destroy();
		socket.once('finish', () => socket.destroy());
		socket.end(
			`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
				`Content-Length: ${Buffer.byteLength(code)}\r\n\r\n${code}`
		);
	}

	async function authorizeThenUpgrade(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		docId: string
	) {
		// A client hanging up while we check must not crash the process with an unhandled 'error'.
		const onError = () => socket.destroy();
		socket.on('error', onError);
		authorizing.add(socket);
		let result;
		try {
			result = await options.authorize(req, docId);
		} catch (error) {
			logger.error('collab_authorize_failed', { docId, error: String(error) });
			result = { ok: false as const, status: 500 };
		} finally {
			authorizing.delete(socket);
		}
		if (socket.destroyed) return;
		if (closing) return reject(socket, 503);
		if (!result.ok && 'close' in result) {
			const { code, reason } = result.close;
			socket.off('error', onError);
			return void wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
		}
		if (!result.ok) return reject(socket, result.status);
		const grant: CollabGrant = result;
		socket.off('error', onError);
		wss.handleUpgrade(req, socket, head, (ws) => accept(ws, docId, grant));
	}

	function accept(ws: WebSocket, docId: string, grant: CollabGrant) {
		if (closing) return ws.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
		sockets.add(ws);
		alive.add(ws);
		const session = registry.connect(
			docId,
			{
				send: (data) => ws.send(data),
				close: (code, reason) => ws.close(code, reason),
				isOpen: () => ws.readyState === WebSocket.OPEN,
				bufferedAmount: () => ws.bufferedAmount
			},
			grant
		);
		ws.on('message', (data: Buffer) => {
			alive.add(ws);
			session.receive(data);
		});
		ws.on('pong', () => alive.add(ws));
		// Leaves the document at once: nothing the client sends during the close handshake lands.
		const closed = grant.onOpen?.((spec) => session.close(spec));
		ws.on('close', () => {
			sockets.delete(ws);
			closed?.();
			session.transportClosed();
		});
		ws.on('error', (error) => logger.warn('collab_socket_error', { docId, error: String(error) }));
	}

	return {
		handleUpgrade(req, socket, head) {
			const docId = documentIdOf(req.url);
			if (docId === undefined) return false;
			if (closing) reject(socket, 503);
			else if (docId === null) reject(socket, 404);
			else void authorizeThenUpgrade(req, socket, head, docId);
			return true;
		},
		registry,
		async close() {
			if (closing) return;
			closing = true;
			clearInterval(ping);
			for (const socket of authorizing) socket.destroy();
			let failure: unknown = null;
			try {
				await registry.close();
			} catch (error) {
				failure = error;
			}
			await closeSockets();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			if (failure) throw failure;
		}
	};

	/** Lets close frames go out, then drops whatever did not answer within the grace period. */
	async function closeSockets() {
		if (sockets.size === 0) return;
		const closed = Array.from(sockets, (ws) => new Promise((resolve) => ws.once('close', resolve)));
		for (const ws of sockets) {
			if (ws.readyState === WebSocket.OPEN) ws.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([
			Promise.all(closed),
			new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))
		]);
		clearTimeout(timer);
		for (const ws of sockets) ws.terminate();
	}
}
