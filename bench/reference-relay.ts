// BENCHMARK ONLY. A bare y-websocket relay with the behaviour of the classic `setupWSConnection`
// (y-websocket ≤ 1.x bin/utils): no auth, no persistence, no batching, no limits — every update
// and every awareness message is re-sent to every connection as it arrives. bench/collab.ts
// measures Palabre's /collab server against it on the same workload.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { messageAwareness, messageQueryAwareness, messageSync } from '../server/collab/protocol';

interface RelayDoc {
	doc: Y.Doc;
	awareness: awarenessProtocol.Awareness;
	/** connection → the awareness client ids it controls */
	conns: Map<WebSocket, Set<number>>;
}

export interface ReferenceRelay {
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** The relay's in-memory document (the benchmark seeds its history through it). */
	getDoc(name: string): Y.Doc;
	close(): Promise<void>;
}

export function createReferenceRelay(pathPrefix = '/collab'): ReferenceRelay {
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
	const docs = new Map<string, RelayDoc>();

	const send = (ws: WebSocket, message: Uint8Array) => {
		if (ws.readyState === WebSocket.OPEN) ws.send(message);
	};

	function getRelayDoc(name: string): RelayDoc {
		const entry = docs.get(name);
		if (entry) return entry;
		const doc = new Y.Doc();
		const awareness = new awarenessProtocol.Awareness(doc);
		awareness.setLocalState(null);
		const created: RelayDoc = { doc, awareness, conns: new Map() };
		doc.on('update', (update: Uint8Array) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, messageSync);
			syncProtocol.writeUpdate(encoder, update);
			const message = encoding.toUint8Array(encoder);
			for (const ws of created.conns.keys()) send(ws, message);
		});
		awareness.on(
			'update',
			(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				const changed = changes.added.concat(changes.updated, changes.removed);
				const owned = created.conns.get(origin as WebSocket);
				if (owned) {
					for (const id of changes.added.concat(changes.updated)) owned.add(id);
					for (const id of changes.removed) owned.delete(id);
				}
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, messageAwareness);
				encoding.writeVarUint8Array(
					encoder,
					awarenessProtocol.encodeAwarenessUpdate(awareness, changed)
				);
				const message = encoding.toUint8Array(encoder);
				for (const ws of created.conns.keys()) send(ws, message);
			}
		);
		docs.set(name, created);
		return created;
	}

	function onMessage(entry: RelayDoc, ws: WebSocket, data: Uint8Array) {
		try {
			const decoder = decoding.createDecoder(data);
			const encoder = encoding.createEncoder();
			const type = decoding.readVarUint(decoder);
			if (type === messageSync) {
				encoding.writeVarUint(encoder, messageSync);
				syncProtocol.readSyncMessage(decoder, encoder, entry.doc, ws);
				if (encoding.length(encoder) > 1) send(ws, encoding.toUint8Array(encoder));
			} else if (type === messageAwareness) {
				awarenessProtocol.applyAwarenessUpdate(
					entry.awareness,
					decoding.readVarUint8Array(decoder),
					ws
				);
			} else if (type === messageQueryAwareness) {
				encoding.writeVarUint(encoder, messageAwareness);
				encoding.writeVarUint8Array(
					encoder,
					awarenessProtocol.encodeAwarenessUpdate(
						entry.awareness,
						Array.from(entry.awareness.getStates().keys())
					)
				);
				send(ws, encoding.toUint8Array(encoder));
			}
		} catch {
			// the classic relay logs and carries on
		}
	}

	function onConnection(ws: WebSocket, name: string) {
		const entry = getRelayDoc(name);
		entry.conns.set(ws, new Set());
		ws.on('message', (data: Buffer) => onMessage(entry, ws, data));
		ws.on('close', () => {
			const owned = entry.conns.get(ws);
			entry.conns.delete(ws);
			if (owned) awarenessProtocol.removeAwarenessStates(entry.awareness, Array.from(owned), null);
		});
		ws.on('error', () => {});
		// Classic behaviour: sync step 1 and every awareness state on connect.
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageSync);
		syncProtocol.writeSyncStep1(encoder, entry.doc);
		send(ws, encoding.toUint8Array(encoder));
		const states = entry.awareness.getStates();
		if (states.size > 0) {
			const aw = encoding.createEncoder();
			encoding.writeVarUint(aw, messageAwareness);
			encoding.writeVarUint8Array(
				aw,
				awarenessProtocol.encodeAwarenessUpdate(entry.awareness, Array.from(states.keys()))
			);
			send(ws, encoding.toUint8Array(aw));
		}
	}

	return {
		handleUpgrade(req, socket, head) {
			const path = (req.url ?? '').split('?')[0];
			if (!path.startsWith(pathPrefix + '/')) return false;
			const name = path.slice(pathPrefix.length + 1);
			wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, name));
			return true;
		},
		getDoc: (name) => getRelayDoc(name).doc,
		async close() {
			for (const client of wss.clients) client.terminate();
			for (const entry of docs.values()) {
				entry.awareness.destroy();
				entry.doc.destroy();
			}
			docs.clear();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
