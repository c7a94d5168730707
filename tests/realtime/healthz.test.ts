// GET /healthz on a real server over a Redis of its own (a child redis-server this test starts
// and stops): ok, then degraded — still 200, the instance keeps serving its own clients — while
// Redis is away, and ok again when it is back, each answer within a second.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const REDIS_SERVER = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as net.AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

function redisAnswers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('error', () => resolve(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
	});
}

async function startRedis(port: number): Promise<ChildProcess> {
	const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
		stdio: 'ignore'
	});
	await waitFor(() => redisAnswers(port), 5_000, { description: 'redis-server answers' });
	return child;
}

async function stopRedis(child: ChildProcess) {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}

async function health(url: string) {
	const startedAt = performance.now();
	const res = await fetch(`${url}/healthz`);
	return {
		status: res.status,
		body: (await res.json()) as Record<string, unknown>,
		ms: performance.now() - startedAt
	};
}

describe.skipIf(!fs.existsSync(REDIS_SERVER))('/healthz with Redis', () => {
	let port: number;
	let redis: ChildProcess;
	let server: RunningServer;
	beforeAll(async () => {
		port = await freePort();
		redis = await startRedis(port);
		server = await startTestServer({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
	});
	afterAll(async () => {
		await server?.close();
		if (redis && redis.exitCode === null) await stopRedis(redis);
	});

	it('says ok, then degraded with 200 while Redis is away, then ok again, each within a second', async () => {
		const ok = await waitFor(
			async () => {
				const h = await health(server.url);
				return h.body.redis === 'up' ? h : null;
			},
			5_000,
			{ description: 'the probe connected to Redis' }
		);
		expect(ok.status).toBe(200);
		expect(ok.body).toEqual({
			status: 'ok',
			database: 'up',
			redis: 'up',
			db: server.app.database.kind,
			version: expect.any(String)
		});

		await stopRedis(redis);
		const degraded = await waitFor(
			async () => {
				const h = await health(server.url);
				return h.body.status === 'degraded' ? h : null;
			},
			5_000,
			{ description: '/healthz degraded once Redis is gone' }
		);
		expect(degraded.status).toBe(200);
		expect(degraded.body).toMatchObject({ status: 'degraded', database: 'up', redis: 'down' });
		expect(degraded.ms).toBeLessThan(1_000);

		redis = await startRedis(port);
		const back = await waitFor(
			async () => {
				const h = await health(server.url);
				return h.body.status === 'ok' ? h : null;
			},
			10_000,
			{ description: '/healthz ok again once Redis is back' }
		);
		expect(back.body).toMatchObject({ database: 'up', redis: 'up' });
		expect(back.ms).toBeLessThan(1_000);
	});
});

describe('/healthz without Redis', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer({ env: { REDIS_URL: '' } });
	});
	afterAll(() => server.close());

	it('says ok with Redis absent (one instance alone)', async () => {
		const h = await health(server.url);
		expect(h.status).toBe(200);
		expect(h.body).toMatchObject({ status: 'ok', database: 'up', redis: 'absent' });
		expect(h.ms).toBeLessThan(1_000);
	});
});
