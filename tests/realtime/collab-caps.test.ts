// A document cannot grow without bound, nor one connection pour bytes in: the size cap per
// document (its kind's default, raised by the facilitator) and the bytes-per-second limit per
// connection, each refused with a reason the editor translates.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../server/collab/close-codes';
import { createMemoryDocumentStore } from '../../server/collab/document-store';
import { encodeSyncUpdate } from '../../server/collab/protocol';
import type { RunningServer } from '../../server/http-server';
import * as Y from 'yjs';
import { DOCUMENT_SIZE_CAP_BYTES } from '../../src/lib/domain/document-size';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients, documentText, typeParagraph } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { createFakeAccess, createHarness, randomDocId } from './collab-harness';
import { workshopWithCharter } from './documents-fixtures';

describe('/collab size and byte-rate limits', () => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	it('an update that would take a document over its cap closes with 4413 document_too_large and changes nothing', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		access.setCap(docId, 20_000);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		alice.doc.getText('body').insert(0, 'x'.repeat(12_000));
		await waitFor(() => bob.text().length === 12_000);
		bob.doc.getText('body').insert(0, 'y'.repeat(12_000));
		await waitFor(() => bob.closeReasons.includes(CLOSE.documentTooLarge.reason));
		expect(bob.closeCodes).toContain(CLOSE.documentTooLarge.code);
		const serverDoc = await server.collab.registry.getDoc(docId);
		expect(serverDoc.getText('body').toString()).toBe('x'.repeat(12_000));
		// Small edits under the cap still go through for the others.
		alice.doc.getText('body').insert(0, 'ok ');
		await waitFor(() => serverDoc.getText('body').length === 12_003);
	});

	it('once the cap is raised, the refused editor reconnects and its edit is stored', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		access.setCap(docId, 5_000);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		alice.doc.getText('body').insert(0, 'z'.repeat(8_000));
		await waitFor(() => alice.closeReasons.includes(CLOSE.documentTooLarge.reason));
		access.setCap(docId, 50_000);
		// As the page does after "reload": a new connection with the same local document.
		const again = h.connect(server, docId, 'alice', { doc: alice.doc });
		await waitFor(() => !again.saved().pending && again.provider.synced);
		const serverDoc = await server.collab.registry.getDoc(docId);
		expect(serverDoc.getText('body').length).toBe(8_000);
	});

	it('a connection sending more bytes per second than allowed is closed with 4429 byte_rate_limited', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize,
			bytesPerSecond: 10_000,
			byteBurst: 30_000
		});
		const bob = h.connect(server, docId, 'bob');
		const raw = h.raw(server, docId, 'alice');
		await raw.opened;
		const source = new Y.Doc();
		for (let i = 0; i < 20; i++) {
			const before = Y.encodeStateVector(source);
			source.getText('body').insert(0, 'b'.repeat(5_000));
			raw.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(source, before)));
		}
		expect(await raw.closed).toEqual({ code: 4429, reason: CLOSE.byteRateLimited.reason });
		// The first ones (within the burst) were taken; the connection was cut well before 100 KB.
		const serverDoc = await server.collab.registry.getDoc(docId);
		expect(serverDoc.getText('body').length).toBeGreaterThan(0);
		expect(serverDoc.getText('body').length).toBeLessThan(100_000);
		await waitFor(() => bob.provider.synced);
		expect(bob.provider.wsconnected).toBe(true);
	});
});

describe('a facilitator raising the size cap of a document', () => {
	let server: RunningServer;
	const clients = createCollabClients();
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterEach(() => clients.cleanup());
	afterAll(() => server.close());

	it('the cap is the kind default, set by the facilitator only, stored, and applies to live editors', async () => {
		const setup = await workshopWithCharter(server, false);
		const sizeCap = `/api/documents/${setup.documentId}/size-cap`;
		const before = await setup.facilitator.client.json<{ sizeCap: number }>(
			`/api/documents/${setup.documentId}`
		);
		expect(before.body.sizeCap).toBe(DOCUMENT_SIZE_CAP_BYTES.charter);

		const salif = await joinedParticipant(server, setup.workshop.code, 'Salif');
		const refused = await salif.client.json(sizeCap, { method: 'PUT', json: { bytes: 65_536 } });
		expect(refused.status).toBe(403);
		const invalid = await setup.facilitator.client.json(sizeCap, {
			method: 'PUT',
			json: { bytes: 10 }
		});
		expect(invalid.status).toBe(400);
		const lowered = await setup.facilitator.client.json<{ sizeCap: number }>(sizeCap, {
			method: 'PUT',
			json: { bytes: 65_536 }
		});
		expect(lowered.status).toBe(200);
		expect(lowered.body.sizeCap).toBe(65_536);

		const s = clients.connect(server.url, setup.documentId, salif.client.cookieHeader);
		await s.synced();
		typeParagraph(s.doc, 'Long texte collé. '.repeat(5_000));
		await waitFor(() => s.closeReasons.includes(CLOSE.documentTooLarge.reason), 10_000);

		const raised = await setup.facilitator.client.json<{ sizeCap: number }>(sizeCap, {
			method: 'PUT',
			json: { bytes: 4 * 1024 * 1024 }
		});
		expect(raised.body.sizeCap).toBe(4 * 1024 * 1024);
		const again = clients.connect(server.url, setup.documentId, salif.client.cookieHeader, s.doc);
		await waitFor(() => again.provider.synced && !again.durability.state().pending, 10_000);
		const text = documentText(await server.app.liveDocuments.getDoc(setup.documentId));
		expect(text).toContain('Long texte collé.');
		const reread = await setup.facilitator.client.json<{ sizeCap: number; sizeCapRaised: boolean }>(
			`/api/documents/${setup.documentId}`
		);
		expect(reread.body).toMatchObject({ sizeCap: 4 * 1024 * 1024, sizeCapRaised: true });
	});
});
