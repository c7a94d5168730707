// "Saved" means stored: tells whether every edit made on this device is durable on the server.
// The server numbers the write messages (sync step 2, updates) each connection sends and
// confirms "stored up to the k-th" once they are in the database (see
// src/lib/protocol/collab-durability.ts). Here we count the same messages as they leave, and
// remember for each how many local edits it carried; a confirmation of k covers those edits.
// A message only vouches for every earlier edit once a sync step 2 (everything the server lacks,
// plus all deletions) left on the same socket, while we were allowed to write — before that, on
// a fresh socket or after a refusal, it vouches for nothing new. Unconfirmed edits stay in the
// Y.Doc (and IndexedDB); y-websocket resends them in its sync step after any reconnection.
import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { messageDurability, readDurabilityNotice } from '../protocol/collab-durability';

export interface DurabilityState {
	/** Some edit of ours is not confirmed stored yet. */
	pending: boolean;
	/** The server says storage lags (database slow or away): nothing gets confirmed for now. */
	storageDelayed: boolean;
}

const MESSAGE_SYNC = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export interface DurabilityTracker {
	/** Pass as y-websocket's `WebSocketPolyfill`: counts the write messages each socket sends. */
	readonly WebSocket: typeof globalThis.WebSocket;
	/** Installs the handler of the server's notices; call right after creating the provider. */
	attach(provider: WebsocketProvider): void;
	/** The server refused our writes (read-only, locked, a refused edit) / allows them again. */
	denied(): void;
	granted(): void;
	state(): DurabilityState;
	/** How many of our local edits (counted from 1, in order) are confirmed stored. */
	confirmedEdits(): number;
	destroy(): void;
}

export function createDurabilityTracker(
	doc: Y.Doc,
	onChange: (state: DurabilityState) => void,
	Base: typeof globalThis.WebSocket = globalThis.WebSocket
): DurabilityTracker {
	let provider: WebsocketProvider | null = null;
	/** Local edits so far (our typing, and what IndexedDB restored). */
	let localSeq = 0;
	let confirmedSeq = 0;
	let storageDelayed = false;
	let refused = false;
	let socket: object | null = null;
	/** For the current socket: local edits vouched for by its 1st, 2nd… write message. */
	let coverage: number[] = [];
	let vouches = false;
	let last: DurabilityState = { pending: false, storageDelayed: false };

	const publish = () => {
		const next = { pending: localSeq > confirmedSeq, storageDelayed };
		if (next.pending === last.pending && next.storageDelayed === last.storageDelayed) return;
		last = next;
		onChange(next);
	};

	// Registered before the provider's own listener: when it sends an edit, the edit is counted.
	const onUpdate = (_update: Uint8Array, origin: unknown) => {
		if (origin === provider) return;
		localSeq++;
		publish();
	};
	doc.on('update', onUpdate);

	function sent(ws: object, frame: unknown) {
		if (!(frame instanceof Uint8Array || frame instanceof ArrayBuffer)) return;
		const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
		if (bytes[0] !== MESSAGE_SYNC || (bytes[1] !== SYNC_STEP2 && bytes[1] !== SYNC_UPDATE)) return;
		if (ws !== socket) {
			socket = ws;
			coverage = [];
			vouches = false;
		}
		if (bytes[1] === SYNC_STEP2 && !refused) vouches = true;
		coverage.push(vouches ? localSeq : confirmedSeq);
	}

	class CountingWebSocket extends Base {
		send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
			sent(this, data);
			super.send(data);
		}
	}

	return {
		WebSocket: CountingWebSocket,
		attach(p) {
			provider = p;
			p.messageHandlers[messageDurability] = (_encoder, decoder: decoding.Decoder) => {
				const notice = readDurabilityNotice(decoder);
				// A count only means something for the socket whose messages it counts.
				if (notice.kind === 'stored' && p.ws === socket) {
					const covered = coverage[notice.count - 1];
					if (covered !== undefined && covered > confirmedSeq) confirmedSeq = covered;
				} else if (notice.kind === 'storage') {
					storageDelayed = notice.delayed;
				}
				publish();
			};
			p.on('status', ({ status }) => {
				// A lost connection cannot confirm anything: the next socket starts from nothing.
				if (status !== 'connected') vouches = false;
				if (status === 'disconnected') storageDelayed = false;
				publish();
			});
		},
		denied() {
			refused = true;
			vouches = false;
		},
		granted() {
			refused = false;
		},
		state: () => ({ pending: localSeq > confirmedSeq, storageDelayed }),
		confirmedEdits: () => confirmedSeq,
		destroy() {
			doc.off('update', onUpdate);
		}
	};
}
