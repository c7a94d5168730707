// One contract, every backend: the memory store and the SQL store (PGlite by default, PostgreSQL
// when DATABASE_URL is set) must behave the same, byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	createMemoryDocumentStore,
	createSqlDocumentStore,
	type DocumentStore,
	type StoredDocument
} from '../../server/collab/document-store';
import { openTestDatabase, sqlBackend, type TestDatabase } from './collab-db';
import { randomDocId } from './collab-harness';

const textOf = (stored: StoredDocument) => {
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc.getText('body').toString();
};

/** Real Yjs updates: one per typed character. */
function typing(text: string): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < text.length; i++) doc.getText('body').insert(i, text[i]);
	return updates;
}

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

describe.each(backends)('document store contract (%s)', (_name, makeStore) => {
	it('a document never written loads as empty', async () => {
		const stored = await makeStore().load(randomDocId());
		expect(stored).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 });
	});

	it('appended updates come back in order, byte for byte', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const tricky = new Uint8Array([0, 0x5c, 0x78, 0xff, 0, 0x27]); // NUL, backslash, quote
		const big = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) & 0xff);
		const ids = [
			await store.appendUpdate(docId, tricky),
			await store.appendUpdate(docId, big),
			await store.appendUpdate(docId, new Uint8Array([1]))
		];
		expect(ids[1]).toBeGreaterThan(ids[0]);
		expect(ids[2]).toBeGreaterThan(ids[1]);
		const stored = await store.load(docId);
		expect(stored.updates.map((u) => u.constructor)).toEqual([Uint8Array, Uint8Array, Uint8Array]);
		expect(stored.updates[0]).toEqual(tricky);
		expect(Buffer.from(stored.updates[1]).equals(Buffer.from(big))).toBe(true);
		expect(stored.lastUpdateId).toBe(ids[2]);
	});

	it('compaction folds the log up to an id into the snapshot and keeps later updates', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const updates = typing('Préambule');
		const ids: number[] = [];
		for (const update of updates) ids.push(await store.appendUpdate(docId, update));
		const firstFive = new Y.Doc();
		for (const update of updates.slice(0, 5)) Y.applyUpdate(firstFive, update);
		await store.compact(docId, Y.encodeStateAsUpdate(firstFive), ids[4]);

		const stored = await store.load(docId);
		expect(stored.snapshot).not.toBeNull();
		expect(stored.updates).toHaveLength(updates.length - 5);
		expect(textOf(stored)).toBe('Préambule');
	});

	it('an older snapshot never replaces a newer one', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const updates = typing('abc');
		const ids: number[] = [];
		for (const update of updates) ids.push(await store.appendUpdate(docId, update));
		await store.compact(docId, Y.mergeUpdates(updates), ids[2]);
		await store.compact(docId, updates[0], ids[0]);
		const stored = await store.load(docId);
		expect(textOf(stored)).toBe('abc');
		expect(stored.lastUpdateId).toBe(ids[2]);
	});

	it("documents never see each other's updates", async () => {
		const store = makeStore();
		const [a, b] = [randomDocId(), randomDocId()];
		for (const update of typing('aaa')) await store.appendUpdate(a, update);
		for (const update of typing('bb')) await store.appendUpdate(b, update);
		expect(textOf(await store.load(a))).toBe('aaa');
		expect(textOf(await store.load(b))).toBe('bb');
	});

	it('a load racing a compaction always sees every update', async () => {
		const store = makeStore();
		const docId = randomDocId();
		const updates = typing('concurrence');
		let lastId = 0;
		for (const update of updates) lastId = await store.appendUpdate(docId, update);
		const loads = Array.from({ length: 8 }, () => store.load(docId));
		const compaction = store.compact(docId, Y.mergeUpdates(updates), lastId);
		const results = await Promise.all([...loads, store.load(docId)]);
		await compaction;
		for (const stored of results) expect(textOf(stored)).toBe('concurrence');
	});
});

describe(`shared document store, several instances writing one log (${sqlBackend})`, () => {
	it("a compaction keeps another instance's update it has not read yet", async () => {
		const store = createSqlDocumentStore((database as TestDatabase).db, { shared: true });
		const docId = randomDocId();
		// Instance A typed "eau"; instance B appended " et routes", which A has not received.
		const mine = new Y.Doc();
		const updatesOfA: Uint8Array[] = [];
		mine.on('update', (u: Uint8Array) => updatesOfA.push(u));
		mine.getText('body').insert(0, 'eau');
		for (const u of updatesOfA) await store.appendUpdate(docId, u);
		const theirs = new Y.Doc();
		Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
		const updatesOfB: Uint8Array[] = [];
		theirs.on('update', (u: Uint8Array) => updatesOfB.push(u));
		theirs.getText('body').insert(3, ' et routes');
		let last = 0;
		for (const u of updatesOfB) last = await store.appendUpdate(docId, u);

		// A compacts up to the last row with only what it holds in memory.
		await store.compact(docId, Y.encodeStateAsUpdate(mine), last);
		const stored = await store.load(docId);
		expect(stored.updates).toEqual([]);
		expect(textOf(stored)).toBe('eau et routes');
	});
});
