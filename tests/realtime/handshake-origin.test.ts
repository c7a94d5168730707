// A page of another origin (another port of the venue laptop, a sibling subdomain, a hostile
// site) cannot open the realtime channels with a visitor's cookie: socket.io and /collab judge
// the handshake's Origin. And /collab says 404 for a document of another workshop, as HTTP does.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { RunningServer } from '../../server/http-server';
import { handshakeOriginAllowed } from '../../src/lib/server/http/handshake-origin';
import { signedInAccount } from '../helpers/fixtures';
import { upgradeStatus } from '../helpers/collab-client';
import type { HttpClient } from '../helpers/http-client';
import { connected, type TestSocket, CURRENT_AUTH } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { workshopWithCharter } from './documents-fixtures';

const sockets: TestSocket[] = [];
afterEach(() => {
	for (const socket of sockets.splice(0)) socket.disconnect();
});

function socketFrom(server: RunningServer, client: HttpClient, origin?: string): TestSocket {
	const socket: TestSocket = io(server.url, {
		path: '/socket.io',
		auth: CURRENT_AUTH,
		transports: ['websocket'],
		extraHeaders: { cookie: client.cookieHeader, ...(origin ? { origin } : {}) },
		reconnection: false,
		forceNew: true
	});
	sockets.push(socket);
	return socket;
}

/** Long-polling first (the browser's default transport): the same check on the first request. */
function pollingFrom(server: RunningServer, client: HttpClient, origin: string): TestSocket {
	const socket: TestSocket = io(server.url, {
		path: '/socket.io',
		auth: CURRENT_AUTH,
		transports: ['polling'],
		extraHeaders: { cookie: client.cookieHeader, origin },
		reconnection: false,
		forceNew: true
	});
	sockets.push(socket);
	return socket;
}

describe('handshake Origin, ORIGIN unset (venue laptop reached by its address)', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	it('socket.io refuses a foreign Origin carrying a valid cookie, and accepts its own', async () => {
		const { facilitator } = await workshopWithCharter(server);
		const sibling = new URL(server.url);
		sibling.port = String(Number(sibling.port) + 1);
		for (const origin of ['http://evil.test', sibling.origin, 'null']) {
			await expect(
				connected(socketFrom(server, facilitator.client, origin)),
				origin
			).rejects.toThrow();
			await expect(
				connected(pollingFrom(server, facilitator.client, origin)),
				origin
			).rejects.toThrow();
		}
		await connected(socketFrom(server, facilitator.client, server.url));
		await connected(pollingFrom(server, facilitator.client, server.url));
		// A non-browser client sends no Origin: it holds the cookie itself (scripts, benches).
		await connected(socketFrom(server, facilitator.client));
	});

	it('/collab refuses a foreign Origin with 403 before any socket, and accepts its own', async () => {
		const { facilitator, documentId } = await workshopWithCharter(server);
		const path = `/collab/${documentId}`;
		const cookie = facilitator.client.cookieHeader;
		expect(await upgradeStatus(server.url, path, cookie, { origin: 'http://evil.test' })).toBe(403);
		expect(await upgradeStatus(server.url, path, cookie, { origin: 'null' })).toBe(403);
		expect(server.app.liveSessions.stats().connections).toBe(0);
		expect(await upgradeStatus(server.url, path, cookie, { origin: server.url })).toBe(101);
		expect(await upgradeStatus(server.url, path, cookie)).toBe(101);
	});

	it('/collab answers 404 for another workshop’s document, as for an unknown one', async () => {
		const mine = await workshopWithCharter(server);
		const theirs = await workshopWithCharter(server);
		const cookie = mine.facilitator.client.cookieHeader;
		expect(await upgradeStatus(server.url, `/collab/${theirs.documentId}`, cookie)).toBe(404);
		expect(await upgradeStatus(server.url, `/collab/${crypto.randomUUID()}`, cookie)).toBe(404);
		// The HTTP API says the same about that document.
		const api = await mine.facilitator.client.request(`/api/documents/${theirs.documentId}`);
		expect(api.status).toBe(404);
		expect(await upgradeStatus(server.url, `/collab/${mine.documentId}`, cookie)).toBe(101);
	});
});

describe('handshake Origin, ORIGIN and ALLOWED_ORIGINS set', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer({
			env: {
				ORIGIN: 'https://palabre.example.org',
				ALLOWED_ORIGINS: 'https://ecran.example.org, http://192.168.1.10:3000'
			}
		});
	});
	afterAll(() => server?.close());

	it('only ORIGIN and the listed origins open socket.io and /collab', async () => {
		const account = await signedInAccount(server);
		const setup = await workshopWithCharter(server);
		const path = `/collab/${setup.documentId}`;
		const cookie = setup.facilitator.client.cookieHeader;
		for (const origin of [
			'https://palabre.example.org',
			'https://ecran.example.org',
			'http://192.168.1.10:3000'
		]) {
			await connected(socketFrom(server, account.client, origin));
			expect(await upgradeStatus(server.url, path, cookie, { origin }), origin).toBe(101);
		}
		// With ORIGIN set, the address the request came to is no longer enough.
		for (const origin of [server.url, 'http://palabre.example.org', 'https://evil.example.org']) {
			await expect(connected(socketFrom(server, account.client, origin)), origin).rejects.toThrow();
			expect(await upgradeStatus(server.url, path, cookie, { origin }), origin).toBe(403);
		}
	});
});

describe('handshakeOriginAllowed', () => {
	const none = { origin: undefined, allowedOrigins: [] };
	it('without ORIGIN, allows the request’s own host only', () => {
		expect(handshakeOriginAllowed('http://10.0.0.2:3000', '10.0.0.2:3000', none)).toBe(true);
		expect(handshakeOriginAllowed('http://10.0.0.2:3001', '10.0.0.2:3000', none)).toBe(false);
		expect(handshakeOriginAllowed('http://PALABRE.local', 'palabre.local', none)).toBe(true);
		expect(handshakeOriginAllowed('http://palabre.local', undefined, none)).toBe(false);
	});
	it('refuses what is not an http(s) origin, and allows a missing one', () => {
		for (const bad of ['null', '', 'file://', 'chrome-extension://abc', 'palabre.local']) {
			expect(handshakeOriginAllowed(bad, 'palabre.local', none), bad).toBe(false);
		}
		expect(handshakeOriginAllowed(['http://a', 'http://b'], 'a', none)).toBe(false);
		expect(handshakeOriginAllowed(undefined, 'palabre.local', none)).toBe(true);
	});
	it('with ORIGIN, allows ORIGIN and the list, whatever the Host', () => {
		const policy = {
			origin: 'https://palabre.example.org',
			allowedOrigins: ['https://ecran.example.org']
		};
		expect(handshakeOriginAllowed('https://palabre.example.org', 'x', policy)).toBe(true);
		expect(handshakeOriginAllowed('https://ecran.example.org', 'x', policy)).toBe(true);
		expect(handshakeOriginAllowed('https://palabre.example.org:8443', 'x', policy)).toBe(false);
		expect(handshakeOriginAllowed('http://x', 'x', policy)).toBe(false);
	});
});
