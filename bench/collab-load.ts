// Simulated /collab clients for bench/collab.ts. They speak the y-websocket protocol exactly as
// the browser provider does (sync step 1 + awareness on open, step 2 in reply to the server's
// step 1), but only typists hold a Y.Doc: 450 readers applying every update would measure this
// process, not the server. Readers find the send time embedded in each typed update by scanning
// its bytes for the marker "~T" + 12 digits (microseconds), which Yjs stores verbatim.
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
	encodeAwarenessMessage,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
	messageSync,
	syncStep1,
	syncStep2,
	syncUpdate
} from '../server/collab/protocol';

const EMPTY_STEP2 = encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc()));
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const REMOTE = Symbol('remote');

export const nowMicros = () => Math.round(performance.now() * 1000);

export interface LoadClient {
	ws: WebSocket;
	startedAt: number;
	/** performance.now() when the server's sync step 2 (the whole document) arrived. */
	joinedAt: number | null;
	doc: Y.Doc | null;
	close(): void;
}

export interface LoadClientOptions {
	url: string;
	id: number;
	/** Typists keep a Y.Doc; readers do not. */
	withDoc: boolean;
	/** Called with the latency (ms) of every typed update this client receives. */
	onLatency?: (ms: number) => void;
}

export function connectLoadClient(options: LoadClientOptions): LoadClient {
	const ws = new WebSocket(`${options.url}?token=u${options.id}`, { perMessageDeflate: false });
	const doc = options.withDoc ? new Y.Doc() : null;
	const client: LoadClient = {
		ws,
		startedAt: performance.now(),
		joinedAt: null,
		doc,
		close: () => {
			ws.terminate();
			doc?.destroy();
		}
	};
	ws.binaryType = 'nodebuffer';
	ws.on('error', () => {});
	ws.on('open', () => {
		ws.send(encodeSyncStep1(doc ? Y.encodeStateVector(doc) : EMPTY_STATE_VECTOR));
		ws.send(awarenessOf(options.id, 1, null));
	});
	if (doc) {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== REMOTE && ws.readyState === ws.OPEN) ws.send(encodeSyncUpdate(update));
		});
	}
	ws.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(data);
		if (decoding.readVarUint(decoder) !== messageSync) return;
		const subType = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (subType === syncStep1) {
			ws.send(doc ? encodeSyncStep2(Y.encodeStateAsUpdate(doc, payload)) : EMPTY_STEP2);
		} else if (subType === syncStep2) {
			client.joinedAt ??= performance.now();
			if (doc) Y.applyUpdate(doc, payload, REMOTE);
		} else if (subType === syncUpdate) {
			if (options.onLatency) scanMarkers(payload, options.onLatency);
			if (doc) Y.applyUpdate(doc, payload, REMOTE);
		}
	});
	return client;
}

export function awarenessOf(id: number, clock: number, cursor: number | null): Uint8Array {
	const state = { user: { name: `u${id}` }, cursor };
	return encodeAwarenessMessage([{ clientId: 1_000_000 + id, clock, json: JSON.stringify(state) }]);
}

/** One keystroke: a character into the shared text, and the send time into the typist's map. */
export function typeOnce(client: LoadClient, id: number, clock: number) {
	const doc = client.doc;
	if (!doc || client.ws.readyState !== client.ws.OPEN) return;
	const text = doc.getText('default');
	doc.transact(() => {
		text.insert(Math.floor(Math.random() * (text.length + 1)), 'abcdefghij'[clock % 10]);
		doc.getMap('typing').set(`u${id}`, `~T${String(nowMicros()).padStart(12, '0')}`);
	});
	// The caret moves with every keystroke, like Tiptap's caret extension.
	client.ws.send(awarenessOf(id, clock + 1, text.length));
}

const TILDE = 0x7e;
const T = 0x54;

function scanMarkers(bytes: Uint8Array, onLatency: (ms: number) => void) {
	const now = nowMicros();
	for (let i = 0; i + 14 <= bytes.length; i++) {
		if (bytes[i] !== TILDE || bytes[i + 1] !== T) continue;
		let sentAt = 0;
		for (let j = i + 2; j < i + 14; j++) sentAt = sentAt * 10 + (bytes[j] - 48);
		onLatency((now - sentAt) / 1000);
		i += 13;
	}
}

/** The benches' one percentile (nearest rank). */
export { percentile } from './harness';

/**
 * About `targetBytes` of keystroke updates, deterministic: 30 writing sessions (one client id
 * each) typing runs of characters at a caret that jumps now and then, with some backspaces — the
 * log a charter drafted during a bootcamp leaves behind, before any compaction.
 */
export function makeHistory(targetBytes: number, seed = 7): Uint8Array[] {
	let state = seed;
	const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	let bytes = 0;
	doc.on('update', (u: Uint8Array) => {
		updates.push(u);
		bytes += u.length;
	});
	const text = doc.getText('default');
	const words = 'les habitants du quartier adoptent la présente charte de la citoyenneté '.split(
		''
	);
	let caret = 0;
	let keystrokes = 0;
	while (bytes < targetBytes) {
		if (keystrokes % 650 === 0) doc.clientID = 10_000 + Math.floor(keystrokes / 650); // next session
		if (random() < 0.03) caret = Math.floor(random() * (text.length + 1));
		if (random() < 0.1 && caret > 0) {
			text.delete(--caret, 1);
		} else {
			text.insert(caret++, words[keystrokes % words.length]);
		}
		keystrokes++;
	}
	return updates;
}
