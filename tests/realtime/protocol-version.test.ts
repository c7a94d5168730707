// The protocol handshake on both realtime channels, against a real server: a client claiming an
// old version (or none: a build from before versioning) is refused with `client_outdated`, one
// claiming a newer version than the server's with `server_outdated`, a current one is served.
// socket.io says it in the connect_error's WireError, /collab in its 4426 close, after which
// y-websocket stops reconnecting.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { PROTOCOL_PARAM, PROTOCOL_VERSION } from '../../src/lib/protocol/version';
import { workshopWithFacilitator } from '../helpers/fixtures';
import type { HttpClient } from '../helpers/http-client';
import { connectAs, type TestSocket } from '../helpers/socket-client';
import { createCollabClients } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

/** The first answer to a handshake: connected, or the refusal's data. */
function handshake(socket: TestSocket): Promise<'connected' | { code?: string; message?: string }> {
	return new Promise((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (error) =>
			resolve((error as Error & { data?: { code?: string; message?: string } }).data ?? {})
		);
	});
}

describe('protocol version at the handshake', () => {
	let server: RunningServer;
	let client: HttpClient;
	let documentId: string;
	const sockets: TestSocket[] = [];
	const collab = createCollabClients();

	beforeAll(async () => {
		server = await startTestServer();
		const room = await workshopWithFacilitator(server);
		client = room.facilitator.client;
		const doc = await client.json<{ id: string }>(`/api/workshops/${room.workshop.id}/documents`, {
			method: 'POST',
			json: { kind: 'notes', title: 'Compte rendu' }
		});
		documentId = doc.body.id;
	});
	afterEach(() => {
		for (const socket of sockets.splice(0)) socket.disconnect();
		collab.cleanup();
	});
	afterAll(async () => {
		await server?.close();
	});

	function socketClaiming(auth: Record<string, unknown>) {
		const socket = connectAs(client, { auth });
		sockets.push(socket);
		return socket;
	}

	it('socket.io: no version, or version 1, is told to reload, in the page’s language', async () => {
		for (const auth of [{}, { [PROTOCOL_PARAM]: 1 }]) {
			const answer = await handshake(socketClaiming(auth));
			expect(answer, JSON.stringify(auth)).toEqual({
				code: 'client_outdated',
				message: 'Palabre a été mis à jour\u202f: rechargez la page pour continuer.'
			});
		}
	});

	it('socket.io: a client newer than the server is told the server is not up to date', async () => {
		const answer = await handshake(socketClaiming({ [PROTOCOL_PARAM]: PROTOCOL_VERSION + 1 }));
		expect(answer).toMatchObject({ code: 'server_outdated' });
	});

	it('socket.io: the current version connects and is served', async () => {
		const socket = socketClaiming({ [PROTOCOL_PARAM]: PROTOCOL_VERSION });
		expect(await handshake(socket)).toBe('connected');
		expect(typeof (await socket.emitWithAck('time:sync', Date.now()))).toBe('number');
	});

	it('socket.io: the version is checked before the session (an outdated page without cookie)', async () => {
		const socket = connectAs({ baseUrl: server.url, cookieHeader: '' } as HttpClient, {
			auth: { [PROTOCOL_PARAM]: 1 }
		});
		sockets.push(socket);
		expect(await handshake(socket)).toMatchObject({ code: 'client_outdated' });
	});

	const cookie = () => client.cookieHeader;

	it('/collab: no version, or version 1, is closed with 4426 client_outdated and not retried', async () => {
		for (const params of [{}, { [PROTOCOL_PARAM]: '1' }] as Record<string, string>[]) {
			const old = collab.connect(server.url, documentId, cookie(), undefined, { params });
			await waitFor(() => old.closeCodes.length > 0, 10_000, {
				description: 'the outdated /collab client is closed'
			});
			expect(old.closeCodes, JSON.stringify(params)).toEqual([4426]);
			expect(old.closeReasons).toEqual(['client_outdated']);
			// y-websocket treats 44xx as permanent: it gave up instead of reconnecting.
			expect(old.provider.shouldConnect).toBe(false);
			expect(old.provider.synced).toBe(false);
		}
	});

	it('/collab: a client newer than the server is closed with 4426 server_outdated', async () => {
		const newer = collab.connect(server.url, documentId, cookie(), undefined, {
			params: { [PROTOCOL_PARAM]: String(PROTOCOL_VERSION + 1) }
		});
		await waitFor(() => newer.closeCodes.length > 0, 10_000);
		expect(newer.closeReasons).toEqual(['server_outdated']);
		expect(newer.provider.shouldConnect).toBe(false);
	});

	it('/collab: the current version syncs', async () => {
		const current = collab.connect(server.url, documentId, cookie());
		await current.synced();
		expect(current.closeCodes).toEqual([]);
	});
});

describe('PALABRE_MIN_CLIENT_PROTOCOL raised above this build', () => {
	let server: RunningServer;
	let client: HttpClient;
	const sockets: TestSocket[] = [];

	beforeAll(async () => {
		server = await startTestServer({
			env: { PALABRE_MIN_CLIENT_PROTOCOL: String(PROTOCOL_VERSION + 1) }
		});
		client = (await workshopWithFacilitator(server)).facilitator.client;
	});
	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await server?.close();
	});

	it('tells even current clients to reload', async () => {
		const socket = connectAs(client);
		sockets.push(socket);
		expect(await handshake(socket)).toMatchObject({ code: 'client_outdated' });
	});
});
