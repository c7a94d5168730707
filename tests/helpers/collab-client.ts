// A y-websocket client for the real server: Node's `ws` with the browser's session cookie (a
// browser sends it by itself on the upgrade), plus what the server told it (auth notices, closes).
import http from 'node:http';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { articleHeading, CHARTER_NODES } from '../../src/lib/domain/charter';
import { messageAuth, readAuthNotice, type AuthNotice } from '../../server/collab/protocol';
import {
	createDurabilityTracker,
	type DurabilityTracker
} from '../../src/lib/client/collab-durability';
import { PROTOCOL_PARAM, PROTOCOL_VERSION } from '../../src/lib/protocol/version';

/** The query of a current client (src/lib/protocol/version.ts); tests override it to play old ones. */
export const CURRENT_PARAMS: Record<string, string> = {
	[PROTOCOL_PARAM]: String(PROTOCOL_VERSION)
};

export interface CollabClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	notices: AuthNotice[];
	closeCodes: number[];
	closeReasons: string[];
	/** The app's own tracker: whether our edits are confirmed stored (the editor's badge). */
	durability: DurabilityTracker;
	synced(): Promise<void>;
	destroy(): void;
}

/**
 * `ws` does not read cookies from anywhere: this subclass sends the one we give it, and any
 * other header (the test proxy's instance pin, tests/helpers/nginx.ts).
 */
function websocketWithCookie(
	cookie: string,
	headers: Record<string, string> = {}
): typeof globalThis.WebSocket {
	class CookieWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { ...headers, ...(cookie ? { cookie } : {}) } });
		}
	}
	return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

/**
 * Attaches the tracker and keeps what the server tells the client: auth notices (which also move
 * the tracker, as in the app) and close codes and reasons.
 */
export function recordServerNotices(provider: WebsocketProvider, durability: DurabilityTracker) {
	durability.attach(provider);
	const notices: AuthNotice[] = [];
	const closeCodes: number[] = [];
	const closeReasons: string[] = [];
	provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
		const notice = readAuthNotice(decoder);
		notices.push(notice);
		if (notice.kind === 'permission-denied') durability.denied();
		if (notice.kind === 'access-granted') durability.granted();
	};
	provider.on('connection-close', (event) => {
		if (event) {
			closeCodes.push(event.code);
			closeReasons.push(event.reason);
		}
	});
	return { notices, closeCodes, closeReasons };
}

export function createCollabClients() {
	const clients: CollabClient[] = [];
	function connect(
		serverUrl: string,
		docId: string,
		cookie: string,
		doc = new Y.Doc(),
		options: { params?: Record<string, string>; headers?: Record<string, string> } = {}
	) {
		const params = options.params ?? CURRENT_PARAMS;
		const durability = createDurabilityTracker(
			doc,
			() => {},
			websocketWithCookie(cookie, options.headers)
		);
		const provider = new WebsocketProvider(
			serverUrl.replace(/^http/, 'ws') + '/collab',
			docId,
			doc,
			{
				WebSocketPolyfill: durability.WebSocket,
				params,
				// Node 20 has a global BroadcastChannel: clients in one process would sync through it.
				disableBc: true,
				maxBackoffTime: 200
			}
		);
		const { notices, closeCodes, closeReasons } = recordServerNotices(provider, durability);
		const client: CollabClient = {
			doc,
			provider,
			notices,
			closeCodes,
			closeReasons,
			durability,
			synced: () =>
				provider.synced
					? Promise.resolve()
					: new Promise((resolve) => provider.once('sync', () => resolve())),
			destroy() {
				durability.destroy();
				provider.destroy();
				doc.destroy();
			}
		};
		clients.push(client);
		return client;
	}
	return {
		connect,
		cleanup() {
			for (const client of clients.splice(0)) client.destroy();
		}
	};
}

/** The HTTP answer to an upgrade request: 101 when accepted, else the refusal's status. */
export function upgradeStatus(
	serverUrl: string,
	path: string,
	cookie?: string,
	headers: Record<string, string> = {}
): Promise<number> {
	const url = new URL(path, serverUrl);
	if (!url.searchParams.has(PROTOCOL_PARAM))
		url.searchParams.set(PROTOCOL_PARAM, String(PROTOCOL_VERSION));
	return new Promise((resolve, reject) => {
		const req = http.request({
			host: url.hostname,
			port: url.port,
			path: url.pathname + url.search,
			headers: {
				Connection: 'Upgrade',
				Upgrade: 'websocket',
				'Sec-WebSocket-Version': '13',
				'Sec-WebSocket-Key': Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString(
					'base64'
				),
				...(cookie ? { cookie } : {}),
				...headers
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

/** Appends a Tiptap paragraph, the way the editor would. */
export function typeParagraph(doc: Y.Doc, text: string) {
	const fragment = doc.getXmlFragment('default');
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText(text)]);
	fragment.insert(fragment.length, [paragraph]);
}

/** The document's text, one line per block (marks dropped). */
/**
 * One line per top-level block; a charter article reads as its heading
 * "Article N — Title" (the préambule under its title) then one line per body block.
 */
export function documentText(doc: Y.Doc): string {
	let number = 0;
	return doc
		.getXmlFragment('default')
		.toArray()
		.flatMap((node) => {
			if (!(node instanceof Y.XmlElement) || node.nodeName !== CHARTER_NODES.article)
				return [plain(node)];
			const preamble = node.getAttribute('role') === 'preamble';
			const [title, ...body] = node.toArray();
			return [articleHeading(preamble ? null : ++number, plain(title)), ...body.map(plain)];
		})
		.join('\n');
}

function plain(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as Array<{ insert: unknown }>)
			.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (node instanceof Y.XmlElement) return node.toArray().map(plain).join('');
	return '';
}
