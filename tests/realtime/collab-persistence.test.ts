import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../server/collab/close-codes';
import {
	createMemoryDocumentStore,
	createSqlDocumentStore,
	type DocumentStore,
	type StoredDocument
} from '../../server/collab/document-store';
import { waitFor } from '../helpers/wait-for';
import { openTestDatabase, sqlBackend, type TestDatabase } from './collab-db';
import { createFakeAccess, createHarness, randomDocId } from './collab-harness';

const textOf = (stored: StoredDocument) => {
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc.getText('body').toString();
};

let database: TestDatabase | undefined;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

const backends: Array<[string, () => DocumentStore]> = [
	['memory', () => createMemoryDocumentStore()],
	[sqlBackend, () => createSqlDocumentStore((database as TestDatabase).db)]
];

describe.each(backends)('/collab persistence (%s store)', (_name, makeStore) => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	it('a server restart keeps every acknowledged edit', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const first = await h.start({ store, authorize: access.authorize, flushDelayMs: 1_000 });
		const alice = h.connect(first, docId, 'alice');
		for (let i = 0; i < 40; i++)
			alice.doc.getText('body').insert(i, String.fromCharCode(97 + (i % 26)));
		// Acknowledged: the server has applied them (well inside the 1 s flush window).
		await waitFor(
			async () => (await first.collab.registry.getDoc(docId)).getText('body').length === 40
		);
		const expected = alice.text();
		alice.destroy();
		await first.close();

		const second = await h.start({ store, authorize: access.authorize });
		const bob = h.connect(second, docId, 'bob');
		await waitFor(() => bob.provider.synced);
		expect(bob.text()).toBe(expected);
	});

	it('an accepted update becomes durable within the flush window, without any restart', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store, authorize: access.authorize, flushDelayMs: 200 });
		const alice = h.connect(server, docId, 'alice');
		for (let i = 0; i < 20; i++) alice.doc.getText('body').insert(0, 'x');
		await waitFor(async () => textOf(await store.load(docId)) === 'x'.repeat(20), 2_000);
		// Batched: far fewer rows than updates.
		expect((await store.load(docId)).updates.length).toBeLessThan(20);
	});

	it('a server that dies without saving loses nothing: clients resend on reconnect', async () => {
		const base = makeStore();
		let crashed = false;
		const crashable: DocumentStore = {
			load: (id) => base.load(id),
			appendUpdate: (id, update) =>
				crashed ? Promise.reject(new Error('process gone')) : base.appendUpdate(id, update),
			compact: (id, state, upTo) =>
				crashed ? Promise.reject(new Error('process gone')) : base.compact(id, state, upTo)
		};
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const first = await h.start({
			store: crashable,
			authorize: access.authorize,
			flushDelayMs: 60_000
		});
		const alice = h.connect(first, docId, 'alice');
		alice.doc.getText('body').insert(0, 'never flushed');
		await waitFor(
			async () => (await first.collab.registry.getDoc(docId)).getText('body').length === 13
		);
		crashed = true;
		await expect(first.close()).rejects.toThrow('process gone');
		expect(textOf(await base.load(docId))).toBe('');

		const second = await h.start({ store: base, authorize: access.authorize, port: first.port });
		await waitFor(() => alice.provider.synced, 10_000);
		await second.collab.registry.flush(docId);
		await waitFor(async () => textOf(await base.load(docId)) === 'never flushed');
		expect(alice.closeCodes).toContain(CLOSE.goingAway.code);
	});

	it('a long update history is folded into a snapshot when the document loads', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const writer = new Y.Doc();
		const appends: Promise<number>[] = [];
		writer.on('update', (u: Uint8Array) => appends.push(store.appendUpdate(docId, u)));
		for (let i = 0; i < 100; i++) writer.getText('body').insert(i, 'y');
		await Promise.all(appends);
		const access = createFakeAccess([docId]);
		const server = await h.start({ store, authorize: access.authorize });
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => bob.provider.synced);
		expect(bob.text()).toBe('y'.repeat(100));
		const stored = await waitFor(async () => {
			const s = await store.load(docId);
			return s.snapshot && s.updates.length === 0 ? s : null;
		});
		expect(textOf(stored)).toBe('y'.repeat(100));
	});

	it('an idle document is compacted, unloaded after the delay, and reloads intact', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store, authorize: access.authorize, idleUnloadMs: 50 });
		const alice = h.connect(server, docId, 'alice');
		alice.doc.getText('body').insert(0, 'Article 1');
		await waitFor(
			async () => (await server.collab.registry.getDoc(docId)).getText('body').length === 9
		);
		alice.destroy();
		await waitFor(() => !server.collab.registry.isLoaded(docId));
		const stored = await store.load(docId);
		expect(stored.snapshot).not.toBeNull();
		expect(stored.updates).toEqual([]);

		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => bob.provider.synced);
		expect(bob.text()).toBe('Article 1');
	});

	it('server-side edits reach every client and are persisted', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store, authorize: access.authorize });
		const alice = h.connect(server, docId, 'alice');
		await waitFor(() => alice.provider.synced);
		await server.collab.registry.editDoc(docId, (doc) =>
			doc.getText('body').insert(0, 'Idée retenue')
		);
		const restored = new Y.Doc();
		restored.getText('body').insert(0, ' (version 2)');
		await server.collab.registry.applyServerUpdate(docId, Y.encodeStateAsUpdate(restored));
		await waitFor(() => alice.text().length === 24);
		await server.collab.registry.flush(docId);
		expect(textOf(await store.load(docId))).toBe(alice.text());
	});
});

describe('/collab document lifecycle', () => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	it('a document is never unloaded while a store write is pending', async () => {
		const base = createMemoryDocumentStore();
		const events: string[] = [];
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const slow: DocumentStore = {
			load: (id) => base.load(id),
			async appendUpdate(id, update) {
				events.push('append');
				await gate;
				events.push('appended');
				return base.appendUpdate(id, update);
			},
			async compact(id, state, upTo) {
				events.push('compact');
				return base.compact(id, state, upTo);
			}
		};
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: slow,
			authorize: access.authorize,
			flushDelayMs: 10,
			idleUnloadMs: 10
		});
		const alice = h.connect(server, docId, 'alice');
		alice.doc.getText('body').insert(0, 'pending');
		await waitFor(() => events.includes('append'));
		alice.destroy();
		// The negative needs time: many idle delays pass while the append is held.
		const heldSince = Date.now();
		await waitFor(() => Date.now() - heldSince > 200);
		expect(server.collab.registry.isLoaded(docId)).toBe(true);

		release();
		await waitFor(() => !server.collab.registry.isLoaded(docId));
		expect(events).toEqual(['append', 'appended', 'compact']);
		expect(textOf(await base.load(docId))).toBe('pending');
	});

	it('closing a document disconnects its clients with 4404 and saves it', async () => {
		const store = createMemoryDocumentStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store, authorize: access.authorize, flushDelayMs: 60_000 });
		const alice = h.connect(server, docId, 'alice');
		alice.doc.getText('body').insert(0, 'brouillon');
		await waitFor(
			async () => (await server.collab.registry.getDoc(docId)).getText('body').length === 9
		);
		await server.collab.registry.closeDocument(docId);
		await waitFor(() => alice.closeCodes.includes(CLOSE.unknownDocument.code));
		expect(server.collab.registry.isLoaded(docId)).toBe(false);
		expect(textOf(await store.load(docId))).toBe('brouillon');
	});

	it("disconnecting a user closes only that user's connections: 4401 everywhere, 4403 for one document", async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => alice.provider.synced && bob.provider.synced);
		const other = randomDocId();
		access.addDocument(other);
		const aliceElsewhere = h.connect(server, other, 'alice');
		await waitFor(() => aliceElsewhere.provider.synced);

		// Removed from one workshop: only that document's connection goes, with 4403.
		expect(server.collab.registry.disconnectUser('alice', CLOSE.forbidden, other)).toBe(1);
		await waitFor(() => aliceElsewhere.closeCodes.includes(CLOSE.forbidden.code));
		expect(alice.provider.wsconnected).toBe(true);
		// Logged out: everywhere, with 4401.
		expect(server.collab.registry.disconnectUser('alice')).toBe(1);
		await waitFor(() => alice.closeCodes.includes(CLOSE.unauthorized.code));
		expect(bob.provider.wsconnected).toBe(true);
	});
});
