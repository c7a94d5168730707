import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCollabServer } from '../../server/collab/collab-server';
import { createMemoryDocumentStore } from '../../server/collab/document-store';
import { waitFor } from '../helpers/wait-for';
import { createFakeAccess, createHarness, randomDocId, upgradeStatus } from './collab-harness';

describe('/collab upgrade authorization', () => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	it('a client with no credentials gets 401 before any socket exists', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		expect(await upgradeStatus(server.port, `/collab/${docId}`)).toBe(401);
		expect(await upgradeStatus(server.port, `/collab/${docId}?token=mallory`)).toBe(401);
		// Nothing was opened or loaded for the refused clients.
		expect(server.collab.registry.stats().connections).toBe(0);
		expect(server.collab.registry.isLoaded(docId)).toBe(false);
	});

	it('a y-websocket client without credentials never syncs and is told 401 on every retry', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const anonymous = h.connect(server, docId, null);
		anonymous.doc.getText('body').insert(0, 'spam');
		await waitFor(() => anonymous.closeCodes.length >= 2);
		expect(anonymous.provider.synced).toBe(false);
		expect(server.collab.registry.isLoaded(docId)).toBe(false);
	});

	it('a document id that is not a UUID gets 404 at upgrade', async () => {
		const access = createFakeAccess();
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		expect(await upgradeStatus(server.port, '/collab/charte-2026?token=alice')).toBe(404);
		expect(await upgradeStatus(server.port, '/collab/?token=alice')).toBe(404);
		expect(await upgradeStatus(server.port, '/collab?token=alice')).toBe(404);
	});

	it('a well-formed id of a document that does not exist gets 404 at upgrade', async () => {
		const access = createFakeAccess();
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		expect(await upgradeStatus(server.port, `/collab/${randomDocId()}?token=alice`)).toBe(404);
	});

	it('a user who is not a member of the workshop gets 403', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		expect(await upgradeStatus(server.port, `/collab/${docId}?token=zed`)).toBe(403);
		expect(await upgradeStatus(server.port, `/collab/${docId}?token=alice`)).toBe(101);
	});

	it('an authorize() that throws answers 500 and the server keeps serving', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		let broken = true;
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: async (req, id) => {
				if (broken) throw new Error('database down');
				return access.authorize(req, id);
			}
		});
		expect(await upgradeStatus(server.port, `/collab/${docId}?token=alice`)).toBe(500);
		broken = false;
		expect(await upgradeStatus(server.port, `/collab/${docId}?token=alice`)).toBe(101);
	});

	it('an upgrade outside /collab is left to the other handlers', async () => {
		const collab = createCollabServer({
			store: createMemoryDocumentStore(),
			authorize: createFakeAccess().authorize
		});
		const server = http.createServer();
		let others = 0;
		server.on('upgrade', (req, socket, head) => {
			if (collab.handleUpgrade(req, socket, head)) return;
			others++;
			socket.end('HTTP/1.1 418 I am a teapot\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const port = (server.address() as AddressInfo).port;
			expect(await upgradeStatus(port, '/socket.io/?EIO=4&transport=websocket')).toBe(418);
			expect(await upgradeStatus(port, '/collaboration/x')).toBe(418);
			expect(others).toBe(2);
		} finally {
			await collab.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
