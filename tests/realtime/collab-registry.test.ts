// The registry knows nothing of the transport: these tests drive it with in-memory sockets.
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	createDocumentRegistry,
	type DocumentRegistry
} from '../../server/collab/document-registry';
import { createMemoryDocumentStore, type DocumentStore } from '../../server/collab/document-store';
import {
	encodeSyncStep1,
	encodeSyncUpdate,
	messageSync,
	syncStep2,
	syncUpdate
} from '../../server/collab/protocol';
import type { CollabGrant, CollabSocket } from '../../server/collab/types';
import { waitFor } from '../helpers/wait-for';
import { randomDocId } from './collab-harness';

interface FakeSocket extends CollabSocket {
	sent: Uint8Array[];
	closedWith: { code: number; reason: string } | null;
	buffered: number;
}

function fakeSocket(): FakeSocket {
	const socket: FakeSocket = {
		sent: [],
		closedWith: null,
		buffered: 0,
		send: (data) => void socket.sent.push(data),
		close: (code, reason) => void (socket.closedWith = { code, reason }),
		isOpen: () => socket.closedWith === null,
		bufferedAmount: () => socket.buffered
	};
	return socket;
}

const writer = (userId: string): CollabGrant => ({
	ok: true,
	principal: { userId, displayName: userId },
	canWrite: () => true
});

/** The sync payloads (step 2 and updates) a socket received, in order. */
function syncPayloads(socket: FakeSocket, subTypes = [syncStep2, syncUpdate]): Uint8Array[] {
	const out: Uint8Array[] = [];
	for (const message of socket.sent) {
		const decoder = decoding.createDecoder(message);
		if (decoding.readVarUint(decoder) !== messageSync) continue;
		if (subTypes.includes(decoding.readVarUint(decoder)))
			out.push(decoding.readVarUint8Array(decoder));
	}
	return out;
}

function typed(clientId: number, text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	doc.getText('body').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

describe('/collab document registry', () => {
	let registry: DocumentRegistry | null = null;
	afterEach(async () => {
		await registry?.close();
		registry = null;
	});

	async function joined(store: DocumentStore, count: number, docId = randomDocId()) {
		registry = createDocumentRegistry(store, { maxUpdateBytes: 1 << 20, flushDelayMs: 20 });
		const sockets = Array.from({ length: count }, () => fakeSocket());
		const sessions = sockets.map((socket, i) => registry!.connect(docId, socket, writer(`u${i}`)));
		// Joined once the server's sync step 1 went out.
		await waitFor(() => sockets.every((socket) => socket.sent.length > 0));
		return { docId, sockets, sessions, registry };
	}

	it('updates accepted in one tick reach every other connection as one merged message', async () => {
		const { sockets, sessions, registry } = await joined(createMemoryDocumentStore(), 3);
		const before = sockets[2].sent.length;
		sessions[0].receive(encodeSyncUpdate(typed(1, 'alpha ')));
		sessions[1].receive(encodeSyncUpdate(typed(2, 'beta ')));
		await waitFor(() => sockets[2].sent.length > before);
		const received = syncPayloads({ ...sockets[2], sent: sockets[2].sent.slice(before) });
		expect(received).toHaveLength(1);
		const replica = new Y.Doc();
		Y.applyUpdate(replica, received[0]);
		expect(replica.getText('body').length).toBe(11);
		expect(registry.stats().mergedBatches).toBe(1);
	});

	it('a lone author does not receive its own update back', async () => {
		const { sockets, sessions } = await joined(createMemoryDocumentStore(), 2);
		const before = sockets.map((s) => s.sent.length);
		sessions[0].receive(encodeSyncUpdate(typed(1, 'seul')));
		await waitFor(() => sockets[1].sent.length > before[1]);
		expect(sockets[0].sent.length).toBe(before[0]);
	});

	it('fifty joins read the store once and share one encoded full state', async () => {
		const base = createMemoryDocumentStore();
		const docId = randomDocId();
		await base.appendUpdate(docId, typed(9, 'Préambule de la charte'));
		let loads = 0;
		const counting: DocumentStore = { ...base, load: (id) => (loads++, base.load(id)) };
		const { sockets, sessions } = await joined(counting, 50, docId);
		const emptyStateVector = Y.encodeStateVector(new Y.Doc());
		for (const session of sessions) session.receive(encodeSyncStep1(emptyStateVector));
		await waitFor(() => sockets.every((socket) => syncPayloads(socket).length === 1));
		expect(loads).toBe(1);
		const replies = sockets.map((socket) => socket.sent.at(-1));
		expect(new Set(replies).size).toBe(1);
	});

	it('a connection that stops reading is closed with 1013 instead of buffering without end', async () => {
		const { sockets, sessions } = await joined(createMemoryDocumentStore(), 2);
		sockets[1].buffered = 64 * 1024 * 1024;
		sessions[0].receive(encodeSyncUpdate(typed(1, 'flood')));
		await waitFor(() => sockets[1].closedWith);
		expect(sockets[1].closedWith).toEqual({ code: 1013, reason: 'slow_consumer' });
	});
});
