// The browser's typed API client against a real HTTP server on port 0: the ack shape, the
// server's translated error passed through, and "the server did not answer" when it did not.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, routePath } from '../../src/lib/client/api';

let server: http.Server;
let base = '';
const seen: Array<{ method: string; url: string; type: string; body: string }> = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			seen.push({
				method: req.method ?? '',
				url: req.url ?? '',
				type: req.headers['content-type'] ?? '',
				body
			});
			const reply = (status: number, payload: string, type = 'application/json') => {
				res.writeHead(status, { 'content-type': type });
				res.end(payload);
			};
			if (req.url === '/api/polls/p%2F1/results') return reply(200, '{"pollId":"p/1"}');
			if (req.url?.endsWith('/open')) return reply(200, JSON.stringify({ echoed: body }));
			if (req.url?.endsWith('/members')) {
				return reply(403, '{"error":{"code":"forbidden","message":"Accès refusé."}}');
			}
			if (req.method === 'DELETE') return reply(204, '');
			reply(502, '<html>Bad gateway</html>', 'text/html');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The browser resolves the API's paths against the page; here, against the test server. */
const local: typeof fetch = (input, init) => fetch(`${base}${String(input)}`, init);

describe('request', () => {
	it('fills and encodes the path parameters', () => {
		expect(routePath('POST /api/polls/:pollId/:command', { pollId: 'a b', command: 'open' })).toBe(
			'/api/polls/a%20b/open'
		);
	});

	it('answers { ok: true, data } with the parsed JSON', async () => {
		const res = await request('GET /api/polls/:pollId/results', { pollId: 'p/1' }, undefined, {
			fetch: local
		});
		expect(res).toEqual({ ok: true, data: { pollId: 'p/1' } });
	});

	it('sends a body as JSON, with its content type', async () => {
		const res = await request(
			'POST /api/polls/:pollId/:command',
			{ pollId: 'p2', command: 'open' },
			{ closesInSeconds: 30 },
			{ fetch: local }
		);
		expect(res.ok && res.data).toEqual({ echoed: '{"closesInSeconds":30}' });
		expect(seen.at(-1)).toMatchObject({
			method: 'POST',
			type: 'application/json',
			url: '/api/polls/p2/open'
		});
	});

	it("passes the server's translated error through", async () => {
		const res = await request(
			'GET /api/workshops/:workshopId/members',
			{ workshopId: 'w' },
			undefined,
			{
				fetch: local
			}
		);
		expect(res).toEqual({ ok: false, error: { code: 'forbidden', message: 'Accès refusé.' } });
	});

	it('is ok for an empty success (204)', async () => {
		const res = await request(
			'DELETE /api/workshops/:workshopId/members/:memberId',
			{ workshopId: 'w', memberId: 'm' },
			undefined,
			{ fetch: local }
		);
		expect(res).toEqual({ ok: true, data: null });
	});

	it('turns a proxy page or no answer at all into the translated network error', async () => {
		const proxy = await request(
			'GET /api/workshops/:workshopId/queue',
			{ workshopId: 'w' },
			undefined,
			{
				fetch: local
			}
		);
		expect(proxy.ok).toBe(false);
		if (!proxy.ok) expect(proxy.error.code).toBe('network');

		const down: typeof fetch = (input, init) => fetch(`http://127.0.0.1:1${String(input)}`, init);
		const res = await request(
			'GET /api/workshops/:workshopId/queue',
			{ workshopId: 'w' },
			undefined,
			{
				fetch: down
			}
		);
		expect(res.ok).toBe(false);
		if (!res.ok) {
			expect(res.error.code).toBe('network');
			expect(res.error.message).toMatch(/^Le serveur n’a pas répondu/);
		}
	});
});
