// A session's live connections end with it: signing out (API or form), expiry and an account
// disabled by an operator close the socket.io connection (after telling the client why) and the
// /collab connection (4401) at once, so nothing keeps the powers of a session that is gone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/client';
import { loadKitHandler, startServer, type RunningServer } from '../../server/http-server';
import { announceEndedSessionsOnce } from '../../server/socket/session-peers';
import { hashToken, SESSION_COOKIE } from '../../src/lib/server/auth/session-token';
import { createTestDatabase, migrationsDir } from '../helpers/test-database';
import type { SessionEndReason } from '../../src/lib/protocol/events';
import { signedInAccount } from '../helpers/fixtures';
import { createCollabClients } from '../helpers/collab-client';
import { HttpClient } from '../helpers/http-client';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { workshopWithCharter } from './documents-fixtures';

const DAY = 24 * 60 * 60 * 1000;

describe('a session that ends closes its live connections', () => {
	let server: RunningServer;
	// The app's clock: moved forward to make sessions expire without waiting 30 days.
	let offset = 0;
	const collab = createCollabClients();
	const sockets: TestSocket[] = [];

	beforeAll(async () => {
		server = await startTestServer({
			app: { now: () => Date.now() + offset, sessionSweepMs: 100 }
		});
	});
	afterAll(() => server?.close());
	afterEach(() => {
		offset = 0;
		collab.cleanup();
		for (const socket of sockets.splice(0)) socket.disconnect();
	});

	/** A facilitator with a live socket in their workshop and the charter open on /collab. */
	async function liveFacilitator() {
		const setup = await workshopWithCharter(server);
		const { client } = setup.facilitator;
		const cookie = client.cookieHeader;
		const socket = watched(client);
		await connected(socket);
		const entered = await socket.emitWithAck('workshop:enter', { workshopId: setup.workshop.id });
		expect(entered.ok).toBe(true);
		const editor = collab.connect(server.url, setup.documentId, cookie);
		await editor.synced();
		return { setup, client, cookie, socket: socket as WatchedSocket, editor };
	}

	type WatchedSocket = TestSocket & { ended: { reason: SessionEndReason; message: string }[] };

	function watched(client: HttpClient): WatchedSocket {
		const socket = connectAs(client) as WatchedSocket;
		socket.ended = [];
		socket.on('session:ended', (payload) => socket.ended.push(payload));
		sockets.push(socket);
		return socket;
	}

	async function expectClosed(
		live: Awaited<ReturnType<typeof liveFacilitator>>,
		reason: SessionEndReason
	) {
		await waitFor(() => live.socket.disconnected, 5_000, { description: 'socket.io closed' });
		expect(live.socket.ended.map((e) => e.reason)).toEqual([reason]);
		expect(live.socket.ended[0].message).not.toBe(`live_session_ended_${reason}`);
		await waitFor(() => live.editor.closeCodes.includes(4401), 5_000, {
			description: '/collab closed with 4401'
		});
		// The old cookie opens nothing any more.
		const again = connectAs({ baseUrl: server.url, cookieHeader: live.cookie } as HttpClient);
		sockets.push(again);
		await expect(connected(again)).rejects.toThrow();
	}

	it('DELETE /api/session closes the socket (facilitator powers gone) and the /collab editor', async () => {
		const live = await liveFacilitator();
		const before = await live.socket.emitWithAck('agenda:command', {
			workshopId: live.setup.workshop.id,
			command: 'start'
		});
		// Authorized as a facilitator (the agenda may be empty: what matters is not `forbidden`).
		if (!before.ok) expect(before.error.code).not.toBe('forbidden');

		const res = await live.client.request('/api/session', { method: 'DELETE' });
		expect(res.status).toBe(204);
		await expectClosed(live, 'signed_out');
		expect(server.app.liveSessions.stats().sessions).toBe(0);
	});

	it('the /deconnexion form closes them too', async () => {
		const live = await liveFacilitator();
		const res = await live.client.request('/deconnexion', {
			method: 'POST',
			// What a browser's plain form post sends (`*/*` would get use:enhance's JSON answer).
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: ''
		});
		expect(res.status).toBe(303);
		await expectClosed(live, 'signed_out');
	});

	it('a session that expires while connected closes its connections', async () => {
		const live = await liveFacilitator();
		offset = 31 * DAY;
		await expectClosed(live, 'expired');
	});

	it('an account disabled by an operator loses its connections and cannot sign in again', async () => {
		const live = await liveFacilitator();
		const other = await signedInAccount(server, 'Autre Animateur');
		const otherSocket = watched(other.client);
		await connected(otherSocket);

		const { email } = live.setup.facilitator;
		const result = await server.app.accounts.disable(email);
		expect(result?.sessions).toBe(1);
		await expectClosed(live, 'disabled');
		// Someone else's session is untouched.
		expect(otherSocket.connected).toBe(true);

		const signIn = await live.client.json<{ error: { code: string } }>('/api/session', {
			method: 'POST',
			json: { email, password: live.setup.facilitator.password }
		});
		expect(signIn.status).toBe(403);
		expect(signIn.body.error.code).toBe('account_disabled');
		await server.app.accounts.enable(email);
		const back = await live.client.request('/api/session', {
			method: 'POST',
			json: { email, password: live.setup.facilitator.password }
		});
		expect(back.status).toBe(200);
	});

	it('signing out one device leaves the same person’s other device connected', async () => {
		const live = await liveFacilitator();
		const { email, password } = live.setup.facilitator;
		const phone = new HttpClient(server.url);
		expect(
			(await phone.request('/api/session', { method: 'POST', json: { email, password } })).status
		).toBe(200);
		const phoneSocket = watched(phone);
		await connected(phoneSocket);
		await live.client.request('/api/session', { method: 'DELETE' });
		await expectClosed(live, 'signed_out');
		expect(phoneSocket.connected).toBe(true);
		expect(phoneSocket.ended).toEqual([]);
	});
});

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('across two instances (REDIS_URL)', () => {
	let database: DatabaseHandle;
	let a: RunningServer;
	let b: RunningServer;
	const collab = createCollabClients();
	const sockets: TestSocket[] = [];

	beforeAll(async () => {
		database = await createTestDatabase();
		const config = {
			...parseConfig({ PORT: '0', HOST: '127.0.0.1', REDIS_URL: redisUrl }),
			migrationsDir,
			databaseUrl: undefined
		};
		a = await startServer(config, { database, kitHandler: await loadKitHandler() });
		b = await startServer(config, { database, kitHandler: null });
	});
	afterAll(async () => {
		collab.cleanup();
		await b?.close();
		await a?.close();
		await database?.close();
	});
	afterEach(() => {
		collab.cleanup();
		for (const socket of sockets.splice(0)) socket.disconnect();
	});

	/** The facilitator's socket and editor, both connected to instance B. */
	async function liveOnB() {
		const setup = await workshopWithCharter(a);
		const cookie = setup.facilitator.client.cookieHeader;
		const socket = connectAs({ baseUrl: b.url, cookieHeader: cookie } as HttpClient);
		sockets.push(socket);
		const ended: SessionEndReason[] = [];
		socket.on('session:ended', ({ reason }) => ended.push(reason));
		await connected(socket);
		const editor = collab.connect(b.url, setup.documentId, cookie);
		await editor.synced();
		return { setup, socket, editor, ended };
	}

	it('signing out on instance A closes the connections the session has on instance B', async () => {
		const live = await liveOnB();
		const res = await live.setup.facilitator.client.request('/api/session', { method: 'DELETE' });
		expect(res.status).toBe(204);
		await waitFor(() => live.socket.disconnected, 5_000, { description: 'B closed socket.io' });
		expect(live.ended).toEqual(['signed_out']);
		await waitFor(() => live.editor.closeCodes.includes(4401), 5_000, {
			description: 'B closed /collab with 4401'
		});
	});

	it('an account disabled on A, or by the CLI through Redis, loses its connections on B', async () => {
		const live = await liveOnB();
		await a.app.accounts.disable(live.setup.facilitator.email);
		await waitFor(() => live.socket.disconnected, 5_000, { description: 'B closed socket.io' });
		expect(live.ended).toEqual(['disabled']);
		await waitFor(() => live.editor.closeCodes.includes(4401));

		// What `npm run palabre -- user:disable` publishes, from a process with no server.
		const other = await liveOnB();
		const token = other.setup.facilitator.client.cookie(SESSION_COOKIE)!;
		await announceEndedSessionsOnce(redisUrl!, [hashToken(token)], 'disabled');
		await waitFor(() => other.socket.disconnected, 5_000, { description: 'closed from the CLI' });
		await waitFor(() => other.editor.closeCodes.includes(4401));
	});
});
