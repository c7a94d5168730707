// docs/operations/nginx.conf, as committed (ports substituted), run by Debian's nginx in front of
// a real Palabre server on loopback: a page, /healthz, socket.io over WebSocket and over
// long-polling, and a y-websocket /collab connection, all through the proxy.
import fs from 'node:fs';
import { io } from 'socket.io-client';
import { CURRENT_AUTH } from '../helpers/socket-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { TestSocket } from '../helpers/socket-client';
import { connected } from '../helpers/socket-client';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients, documentText, typeParagraph } from '../helpers/collab-client';
import { HttpClient } from '../helpers/http-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { workshopWithCharter } from '../realtime/documents-fixtures';
import { NGINX, SITE_CONF, startNginx, templateSite, type NginxProxy } from './nginx-proxy';

describe('templating the committed site', () => {
	it('replaces every upstream server and the listen port, and nothing else', () => {
		const source = fs.readFileSync(SITE_CONF, 'utf8');
		const site = templateSite(source, [4101], 4200);
		expect(site).toContain('listen 127.0.0.1:4200;');
		expect(site.match(/server 127\.0\.0\.1:4101 max_fails=2 fail_timeout=5s;/g)).toHaveLength(2);
		const directives = site.replace(/^\s*#.*$/gm, '');
		expect(directives).not.toMatch(/127\.0\.0\.1:300\d/);
		const strip = (s: string) => s.replace(/^\t(listen|server) .*\n/gm, '');
		expect(strip(site)).toBe(strip(source));
	});
});

describe.skipIf(!fs.existsSync(NGINX))('Palabre behind nginx (docs/operations/nginx.conf)', () => {
	let server: RunningServer;
	let proxy: NginxProxy;
	const sockets: TestSocket[] = [];
	const collab = createCollabClients();
	beforeAll(async () => {
		server = await startTestServer({ env: { TRUST_PROXY: 'true' } });
		proxy = await startNginx([Number(new URL(server.url).port)]);
	}, 180_000);
	afterEach(() => {
		for (const s of sockets.splice(0)) s.disconnect();
		collab.cleanup();
	});
	afterAll(async () => {
		await proxy?.close();
		await server?.close();
	});

	/** The phone's socket through the proxy, with its session cookie, on the given transports. */
	function socketThroughProxy(client: HttpClient, transports: ('polling' | 'websocket')[]) {
		const socket: TestSocket = io(proxy.url, {
			path: '/socket.io',
			auth: CURRENT_AUTH,
			transports,
			upgrade: transports.length > 1,
			extraHeaders: { cookie: client.cookieHeader },
			reconnection: false,
			forceNew: true
		});
		sockets.push(socket);
		return socket;
	}

	it('serves a page and /healthz through the proxy; /metrics is not published there', async () => {
		const page = await fetch(`${proxy.url}/`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await page.text()).toContain('Palabre');

		const health = await fetch(`${proxy.url}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });

		expect((await fetch(`${proxy.url}/metrics`)).status).toBe(404);
	});

	it('carries socket.io over WebSocket and over long-polling with its upgrade', async () => {
		const setup = await workshopWithCharter(server);
		// Joined through the proxy, as a phone would: the cookie is the proxy's host's.
		const phone = await joinedParticipant(
			{ ...server, url: proxy.url } as RunningServer,
			setup.workshop.code,
			'Fatouma'
		);
		for (const transports of [['websocket'], ['polling', 'websocket'], ['polling']] as const) {
			const socket = socketThroughProxy(phone.client, [...transports]);
			await connected(socket);
			const entered = await socket.emitWithAck('workshop:enter', {
				workshopId: setup.workshop.id
			});
			expect(entered.ok, transports.join('+')).toBe(true);
			if (transports.length === 2)
				await waitFor(() => socket.io.engine.transport.name === 'websocket', 5_000, {
					description: 'long-polling upgraded to WebSocket through nginx'
				});
			socket.disconnect();
		}
	});

	it('carries a y-websocket /collab connection both ways', async () => {
		const setup = await workshopWithCharter(server);
		const behind = { ...server, url: proxy.url } as RunningServer;
		const [amina, issa] = await Promise.all(
			['Amina', 'Issa'].map((name) => joinedParticipant(behind, setup.workshop.code, name))
		);
		const a = collab.connect(proxy.url, setup.documentId, amina.client.cookieHeader);
		const b = collab.connect(proxy.url, setup.documentId, issa.client.cookieHeader);
		await Promise.all([a.synced(), b.synced()]);
		typeParagraph(a.doc, 'Adopté derrière le proxy.');
		await waitFor(() => documentText(b.doc).includes('Adopté derrière le proxy.'), 5_000, {
			description: 'the other editor sees the paragraph through nginx'
		});
		await waitFor(() => !a.durability.state().pending, 5_000, {
			description: 'the server confirms the edit stored'
		});
		expect(proxy.errorLog()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
	});
});
