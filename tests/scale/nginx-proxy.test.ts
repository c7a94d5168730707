// The test proxy itself (tests/helpers/nginx.ts): Debian's nginx pins a request to the instance
// it names, upgrades WebSockets on /collab, and sends a pinned client to the other instance when
// its own is down — what the multi-instance tests rely on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { nginxAvailable, PIN_HEADER, startNginx, type RunningNginx } from '../helpers/nginx';

/** A backend that answers its own name, over HTTP and over a WebSocket on /collab. */
async function backend(name: string) {
	const server = http.createServer((_req, res) => res.end(name));
	const wss = new WebSocketServer({ server, path: '/collab/doc' });
	wss.on('connection', (socket) => socket.send(name));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		close: () => {
			wss.close();
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

describe.skipIf(!nginxAvailable())('test proxy (nginx)', () => {
	const closers: Array<() => Promise<void>> = [];
	afterAll(async () => {
		for (const close of closers.reverse()) await close();
	});

	it('routes pinned requests and WebSockets, and fails over to the other instance', async () => {
		const a = await backend('A');
		const b = await backend('B');
		closers.push(a.close, b.close);
		const proxy: RunningNginx = await startNginx([a.port, b.port]);
		closers.push(proxy.stop);
		const get = async (pin: number) =>
			(await fetch(proxy.url + '/', { headers: { [PIN_HEADER]: String(pin) } })).text();

		expect([await get(0), await get(1), await get(0)]).toEqual(['A', 'B', 'A']);
		const firstMessage = (pin: number) =>
			new Promise<string>((resolve, reject) => {
				const socket = new WebSocket(proxy.url.replace('http', 'ws') + '/collab/doc', {
					headers: { [PIN_HEADER]: String(pin) }
				});
				socket.once('message', (data) => {
					resolve(String(data));
					socket.close();
				});
				socket.once('error', reject);
			});
		expect(await firstMessage(1)).toBe('B');

		await a.close();
		expect(await get(0)).toBe('B');
		expect(await firstMessage(0)).toBe('B');
	});
});
