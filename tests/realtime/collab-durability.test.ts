// "Saved" means stored: the server confirms to each editor the writes that are in the store, never
// before; a failing store stops confirmations and says so; the unsaved backlog is bounded; and a
// client keeps what was not confirmed and gets it confirmed after the server comes back.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../server/collab/close-codes';
import {
	createMemoryDocumentStore,
	type DocumentStore,
	type StoredDocument
} from '../../server/collab/document-store';
import { waitFor } from '../helpers/wait-for';
import { createFakeAccess, createHarness, randomDocId } from './collab-harness';

const textOf = (stored: StoredDocument) => {
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc.getText('body').toString();
};

/** A memory store whose appends can be held (slow database) or fail (database away). */
function controllableStore() {
	const base = createMemoryDocumentStore();
	let mode: 'ok' | 'hold' | 'fail' = 'ok';
	let release: () => void = () => {};
	let held = new Promise<void>((resolve) => (release = resolve));
	const appends = { attempted: 0, failed: 0 };
	const store: DocumentStore = {
		load: (id) => base.load(id),
		async appendUpdate(id, update) {
			appends.attempted++;
			if (mode === 'hold') await held;
			if (mode === 'fail') {
				appends.failed++;
				throw new Error('database away');
			}
			return base.appendUpdate(id, update);
		},
		compact: (id, state, upTo) =>
			mode === 'fail' ? Promise.reject(new Error('database away')) : base.compact(id, state, upTo)
	};
	return {
		store,
		base,
		appends,
		set(next: 'ok' | 'hold' | 'fail') {
			mode = next;
			if (next !== 'hold') {
				release();
				held = new Promise<void>((resolve) => (release = resolve));
			}
		}
	};
}

describe('/collab confirmations of stored edits', () => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	it('an edit is confirmed to its author only once the store has appended it', async () => {
		const control = controllableStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store: control.store, authorize: access.authorize });
		const alice = h.connect(server, docId, 'alice');
		await waitFor(() => alice.provider.synced);
		control.set('hold');
		alice.doc.getText('body').insert(0, 'Article 1');
		expect(alice.saved().pending).toBe(true);
		await waitFor(() => control.appends.attempted > 0);
		// The append is in flight and held: relayed, in memory, and still not confirmed.
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => bob.text() === 'Article 1');
		expect(alice.saved().pending).toBe(true);
		expect(textOf(await control.base.load(docId))).toBe('');

		control.set('ok');
		await waitFor(() => !alice.saved().pending);
		expect(textOf(await control.base.load(docId))).toBe('Article 1');
	});

	it('deleting text is confirmed only once the deletion is stored', async () => {
		const control = controllableStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store: control.store, authorize: access.authorize });
		const alice = h.connect(server, docId, 'alice');
		alice.doc.getText('body').insert(0, 'brouillon à effacer');
		await waitFor(() => alice.provider.synced && !alice.saved().pending);
		control.set('hold');
		alice.doc.getText('body').delete(9, 10);
		await waitFor(() => control.appends.attempted > 1);
		expect(alice.saved().pending).toBe(true);
		control.set('ok');
		await waitFor(() => !alice.saved().pending);
		expect(textOf(await control.base.load(docId))).toBe('brouillon');
	});

	it('a failing store stops confirmations, tells the editors, and confirms everything once it answers again', async () => {
		const control = controllableStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store: control.store, authorize: access.authorize });
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => alice.provider.synced && bob.provider.synced);
		control.set('fail');
		for (let i = 0; i < 30; i++) alice.doc.getText('body').insert(i, 'a');
		// Still relayed to the others within limits, but nobody is told it is saved.
		await waitFor(() => bob.text() === 'a'.repeat(30));
		await waitFor(() => alice.saved().storageDelayed && bob.saved().storageDelayed);
		expect(alice.saved().pending).toBe(true);
		expect(server.collab.registry.durability(docId)?.delayed).toBe(true);

		control.set('ok');
		await waitFor(() => !alice.saved().pending && !alice.saved().storageDelayed, 10_000);
		expect(bob.saved().storageDelayed).toBe(false);
		expect(textOf(await control.base.load(docId))).toBe('a'.repeat(30));
		expect(control.appends.failed).toBeGreaterThan(0);
	});

	it('with the store away, the unsaved backlog is bounded: writes beyond it are refused with 1013 storage_backlog', async () => {
		const control = controllableStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const maxBacklogBytes = 4_000;
		const server = await h.start({
			store: control.store,
			authorize: access.authorize,
			maxBacklogBytes
		});
		const alice = h.connect(server, docId, 'alice');
		await waitFor(() => alice.provider.synced);
		control.set('fail');
		for (let i = 0; i < 20; i++) alice.doc.getText('body').insert(0, 'x'.repeat(500));
		await waitFor(() => alice.closeReasons.includes(CLOSE.storageBacklog.reason));
		expect(alice.closeCodes).toContain(CLOSE.storageBacklog.code);
		expect(server.collab.registry.durability(docId)!.backlogBytes).toBeLessThanOrEqual(
			maxBacklogBytes + 600
		);
		expect(alice.saved().pending).toBe(true);

		// Storage back: the client (which kept everything) reconnects, resends, and is confirmed.
		control.set('ok');
		await waitFor(() => !alice.saved().pending && alice.provider.synced, 15_000);
		expect(textOf(await control.base.load(docId))).toBe(alice.text());
		expect(alice.text()).toHaveLength(10_000);
	});

	it('edits a crashed server never stored are kept by their author, resent and confirmed after the restart', async () => {
		const control = controllableStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const first = await h.start({
			store: control.store,
			authorize: access.authorize,
			flushDelayMs: 60_000
		});
		const alice = h.connect(first, docId, 'alice');
		alice.doc.getText('body').insert(0, 'jamais écrit');
		await waitFor(
			async () => (await first.collab.registry.getDoc(docId)).getText('body').length === 12
		);
		expect(alice.saved().pending).toBe(true);
		control.set('fail');
		await expect(first.close()).rejects.toThrow('database away');
		expect(alice.saved().pending).toBe(true);

		control.set('ok');
		await h.start({ store: control.store, authorize: access.authorize, port: first.port });
		await waitFor(() => !alice.saved().pending, 10_000);
		expect(textOf(await control.base.load(docId))).toBe('jamais écrit');
	});

	it('a reader is never told it has something unsaved', async () => {
		const control = controllableStore();
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({ store: control.store, authorize: access.authorize });
		const alice = h.connect(server, docId, 'alice');
		alice.doc.getText('body').insert(0, 'texte');
		await waitFor(() => !alice.saved().pending);
		const olive = h.connect(server, docId, 'olive');
		await waitFor(() => olive.text() === 'texte');
		expect(olive.saved().pending).toBe(false);
	});
});
