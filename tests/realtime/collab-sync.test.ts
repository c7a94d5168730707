import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryDocumentStore } from '../../server/collab/document-store';
import { waitFor } from '../helpers/wait-for';
import { createFakeAccess, createHarness, randomDocId } from './collab-harness';

describe('/collab sync', () => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	it('two y-websocket clients editing one document converge', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => alice.provider.synced && bob.provider.synced);

		alice.doc.getText('body').insert(0, 'Article 1 — ');
		bob.doc.getText('body').insert(0, 'Préambule. ');
		// Tiptap's fragment: any standard Yjs client reads and writes it.
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Nous, citoyennes et citoyens')]);
		bob.doc.getXmlFragment('default').insert(0, [paragraph]);

		await waitFor(() => alice.text() === bob.text() && alice.text().length === 23);
		await waitFor(() => alice.doc.getXmlFragment('default').length === 1);
		expect(alice.doc.getXmlFragment('default').toString()).toBe(
			'<paragraph>Nous, citoyennes et citoyens</paragraph>'
		);
		const serverDoc = await server.collab.registry.getDoc(docId);
		expect(serverDoc.getText('body').toString()).toBe(alice.text());
	});

	it('edits made while disconnected on both sides merge after reconnect', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		alice.doc.getText('body').insert(0, 'base ');
		await waitFor(() => bob.text() === 'base ');

		alice.provider.disconnect();
		bob.doc.getText('body').insert(5, 'online');
		alice.doc.getText('body').insert(0, 'offline ');
		alice.doc.getText('body').delete(8, 1); // the "b" of "base", deleted offline
		await waitFor(() => bob.text() === 'base online');
		expect(alice.text()).toBe('offline ase ');

		alice.provider.connect();
		await waitFor(() => alice.text() === bob.text() && bob.text().includes('offline'));
		expect(bob.text()).toBe('offline ase online');
	});

	it('a client that joins late receives the whole document from the server', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		for (let i = 0; i < 50; i++) alice.doc.getText('body').insert(i, String(i % 10));
		await waitFor(
			async () => (await server.collab.registry.getDoc(docId)).getText('body').length === 50
		);
		alice.destroy();

		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => bob.provider.synced);
		expect(bob.text()).toHaveLength(50);
	});

	it('peers see each other in awareness with the name the server knows, and leave when they close', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		// Bob pretends to be the facilitator: the server stamps his real name.
		bob.provider.awareness.setLocalStateField('user', { name: 'Fatou', color: '#fff' });
		const bobId = bob.doc.clientID;
		const seen = await waitFor(() => alice.provider.awareness.getStates().get(bobId)?.user);
		expect(seen).toEqual({ name: 'Bob', color: '#16a34a' });

		bob.destroy();
		await waitFor(() => !alice.provider.awareness.getStates().has(bobId));
		expect(alice.provider.awareness.getStates().size).toBe(1);
	});
});
