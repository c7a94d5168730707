// What every socket benchmark needs, in one place: the server in a child process (so its CPU and
// RSS are its own) with a small request/reply channel, a real Palabre server on a throwaway
// PGlite directory or PostgreSQL database with N signed-in members, a bare socket.io server with
// Palabre's options (the floor to compare with), and phones that connect like the app does.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fork, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import { PROTOCOL_PARAM, PROTOCOL_VERSION } from '../src/lib/protocol/version';
import { startServer, type RunningServer } from '../server/http-server';
import { parseConfig } from '../src/lib/server/config';
import type { User } from '../src/lib/server/repositories/users';

export const cliOption = (name: string, fallback: string) =>
	process.argv
		.slice(2)
		.find((a) => a.startsWith(`--${name}=`))
		?.split('=')[1] ?? fallback;

export const numberOption = (name: string, fallback: number) =>
	Number(cliOption(name, String(fallback)));

export const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Polls `check` every millisecond or so until it holds; false when the time ran out. */
export function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	return new Promise((resolve) => {
		const poll = () => {
			if (check()) return resolve(true);
			if (performance.now() > deadline) return resolve(false);
			setTimeout(poll, 1);
		};
		poll();
	});
}

/** A phone as the app connects it: websocket only, the session cookie, no reconnection. */
export function connectPhone(port: number, token: string): Socket {
	return connectClient(`http://127.0.0.1:${port}`, {
		path: '/socket.io',
		auth: { [PROTOCOL_PARAM]: PROTOCOL_VERSION },
		transports: ['websocket'],
		extraHeaders: { cookie: `palabre_session=${token}` },
		reconnection: false,
		forceNew: true
	});
}

// ---- parent side ------------------------------------------------------------------------------

/**
 * Forks this same bundle with `--serve <config>`; the child answers `ask(type)` with a message of
 * that type. BENCH_SERVER_NODE_OPTIONS (e.g. `--cpu-prof`) goes to the server child alone.
 */
export function forkServerChild<Ready>(config: unknown) {
	const child: ChildProcess = fork(process.argv[1]!, ['--serve', JSON.stringify(config)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: process.env.BENCH_SERVER_NODE_OPTIONS?.split(' ') ?? []
	});
	const next = <T>(type: string) =>
		new Promise<T>((resolve, reject) => {
			const onMessage = (message: { type: string }) => {
				if (message.type !== type) return;
				child.off('message', onMessage);
				resolve(message as T);
			};
			child.on('message', onMessage);
			child.once('exit', (code) => reject(new Error(`server child exited (${code})`)));
		});
	return {
		ready: next<Ready>('ready'),
		ask<T>(type: string) {
			const reply = next<T>(type);
			child.send({ type });
			return reply;
		},
		close() {
			const closed = next('closed');
			child.send({ type: 'close' });
			return closed.catch(() => {});
		}
	};
}

/** The `--serve` argument when this process is a server child, else null. */
export function serveConfig<T>(): T | null {
	const index = process.argv.indexOf('--serve');
	return index === -1 ? null : (JSON.parse(process.argv[index + 1]!) as T);
}

// ---- child side -------------------------------------------------------------------------------

const send = (message: unknown) => process.send?.(message);

/**
 * Serves the parent's requests: each handler's result is sent back with its type; `close` closes
 * the server and exits. `cpu` (user + system µs) is always there.
 */
export function serveParent(
	started: { ready: object; close(): Promise<void> },
	handlers: Record<string, () => object> = {}
) {
	process.on('message', async (request: { type: string }) => {
		if (request.type === 'close') {
			await started.close();
			send({ type: 'closed' });
			process.exit(0);
		}
		if (request.type === 'cpu') {
			const usage = process.cpuUsage();
			send({ type: 'cpu', micros: usage.user + usage.system });
			return;
		}
		const handler = handlers[request.type];
		if (handler) send({ type: request.type, ...handler() });
	});
	send({ type: 'ready', ...started.ready });
}

async function freshPostgres(url: string) {
	const name = `palabre_bench_${Date.now().toString(36)}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	return {
		url: target.toString(),
		async drop() {
			const cleanup = postgres(url, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}

/**
 * The real server without SvelteKit pages (socket.io, services, database), a facilitator, a
 * workshop and `clients` joined members with session tokens. PGlite in a temporary directory
 * unless `databaseUrl` names a PostgreSQL server (a throwaway database is created there).
 */
export async function startBenchPalabre(options: {
	clients: number;
	workshop: { title: string; kind: string };
	databaseUrl?: string;
}) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-'));
	const pg = options.databaseUrl ? await freshPostgres(options.databaseUrl) : null;
	const running: RunningServer = await startServer(
		{
			...parseConfig({
				PORT: '0',
				HOST: '127.0.0.1',
				DATA_DIR: dataDir,
				...(pg ? { DATABASE_URL: pg.url } : {})
			}),
			migrationsDir: path.resolve('drizzle')
		},
		{ kitHandler: null }
	);
	const { app } = running;
	const facilitator = await app.accounts.signUp({
		email: `bench-${Date.now()}@example.org`,
		name: 'Animatrice',
		password: 'mot-de-passe-bench'
	});
	const workshop = await app.workshops.create(facilitator, options.workshop as never);
	const tokens: string[] = [];
	for (let i = 0; i < options.clients; i++) {
		const { user } = await app.members.join(null, { code: workshop.code, displayName: `P${i}` });
		tokens.push((await app.sessions.create((user as User).id)).token);
	}
	return {
		app,
		facilitator,
		workshop,
		tokens,
		port: Number(new URL(running.url).port),
		async close() {
			await running.close();
			await pg?.drop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** socket.io with Palabre's options and nothing else: no session, no database, no service. */
export async function startBareSocketServer() {
	const server = http.createServer();
	const io = new Server(server, {
		path: '/socket.io',
		serveClient: false,
		pingInterval: 20_000,
		pingTimeout: 25_000,
		maxHttpBufferSize: 256 * 1024
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		io,
		port: (server.address() as AddressInfo).port,
		async close() {
			io.disconnectSockets(true);
			await new Promise<void>((resolve) => io.close(() => resolve()));
		}
	};
}
