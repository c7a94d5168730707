// The server side of bench/votes.ts, in a child process so that its CPU and RSS are its own.
// Either the real Palabre server (PGlite in a temporary directory, or a fresh PostgreSQL database)
// with an open poll whose results are live, or a bare socket.io room that acks each vote at once
// and broadcasts a tally of the same shape 5 times per second: the floor to compare with.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import postgres from 'postgres';
import { Server } from 'socket.io';
import { startServer } from '../server/http-server';
import { parseConfig } from '../src/lib/server/config';
import type { User } from '../src/lib/server/repositories/users';
import { TALLY_INTERVAL_MS } from '../src/lib/protocol/polls';

export interface ChildConfig {
	kind: 'palabre' | 'bare';
	clients: number;
	/** PostgreSQL server to create a throwaway database on; PGlite when absent. */
	databaseUrl?: string;
}

export type ChildReady = {
	type: 'ready';
	port: number;
	workshopId: string;
	pollId: string;
	optionIds: string[];
	tokens: string[];
};

const send = (message: unknown) => process.send?.(message);

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

async function startPalabre(config: ChildConfig) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-votes-'));
	const pg = config.databaseUrl ? await freshPostgres(config.databaseUrl) : null;
	const running = await startServer(
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
	const workshop = await app.workshops.create(facilitator, {
		title: 'Conférence de quartier (banc d’essai)',
		kind: 'conference'
	});
	const tokens: string[] = [];
	for (let i = 0; i < config.clients; i++) {
		const { user } = await app.members.join(null, { code: workshop.code, displayName: `P${i}` });
		tokens.push((await app.sessions.create((user as User).id)).token);
	}
	const poll = await app.polls.create(facilitator, workshop.id, {
		question: 'Quel thème pour la prochaine conférence ?',
		method: 'single',
		options: [{ label: 'Eau potable' }, { label: 'Santé' }, { label: 'Éducation' }],
		reveal: 'live'
	});
	await app.polls.command(facilitator, poll.id, 'open');
	const ready: ChildReady = {
		type: 'ready',
		port: Number(new URL(running.url).port),
		workshopId: workshop.id,
		pollId: poll.id,
		optionIds: poll.options.map((o) => o.id),
		tokens
	};
	return {
		ready,
		async close() {
			await running.close();
			await pg?.drop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** socket.io with Palabre's options and nothing else: no session, no database, no service. */
async function startBare(config: ChildConfig) {
	const server = http.createServer();
	const io = new Server(server, {
		path: '/socket.io',
		serveClient: false,
		pingInterval: 20_000,
		pingTimeout: 25_000,
		maxHttpBufferSize: 256 * 1024
	});
	// Option ids and the tally's shape as Palabre sends them, so both servers fan out the same bytes.
	const optionIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
	const labels = ['Eau potable', 'Santé', 'Éducation'];
	const counts: Record<string, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
	const openedAt = Date.now();
	let total = 0;
	let timer: NodeJS.Timeout | null = null;
	let last = 0;
	const tally = () => ({
		pollId: crypto.randomUUID(),
		question: 'Quel thème pour la prochaine conférence ?',
		method: 'single',
		status: 'open',
		secret: false,
		eligible: config.clients + 1,
		quorum: null,
		openedAt,
		closedAt: null,
		publishedAt: null,
		hidden: false,
		totalBallots: total,
		quorumMet: true,
		winner: optionIds[0],
		options: optionIds.map((id, i) => ({ id, label: labels[i], count: counts[id] })),
		bySource: [{ id: 'online', source: 'online', ballots: total, counts: { ...counts } }]
	});
	io.on('connection', (socket) => {
		socket.on('workshop:enter', (_payload, ack) => {
			void socket.join('w');
			ack({ ok: true, data: null });
			socket.emit('poll:state', { id: 'bare', status: 'open', options: optionIds });
		});
		socket.on('poll:vote', (payload: { choice: { optionId: string } }, ack) => {
			const id = payload.choice.optionId;
			if (id in counts) counts[id] += 1;
			total += 1;
			ack({ ok: true, data: { outcome: 'created' } });
			if (timer) return;
			timer = setTimeout(
				() => {
					timer = null;
					last = Date.now();
					io.to('w').emit('poll:tally', tally());
				},
				Math.max(0, last + TALLY_INTERVAL_MS - Date.now())
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const ready: ChildReady = {
		type: 'ready',
		port: (server.address() as AddressInfo).port,
		workshopId: 'bare',
		pollId: 'bare',
		optionIds,
		tokens: Array.from({ length: config.clients }, (_, i) => `bare-${i}`)
	};
	return {
		ready,
		async close() {
			io.disconnectSockets(true);
			await new Promise<void>((resolve) => io.close(() => resolve()));
		}
	};
}

export async function runVotesChild(config: ChildConfig) {
	const started = config.kind === 'palabre' ? await startPalabre(config) : await startBare(config);
	let peakRss = process.memoryUsage().rss;
	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	loopDelay.enable();
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
	}, 50);
	process.on('message', async (request: { type: string }) => {
		if (request.type === 'stats') {
			const usage = process.cpuUsage();
			send({
				type: 'stats',
				cpuMicros: usage.user + usage.system,
				peakRss,
				loopDelayP99Ms: loopDelay.percentile(99) / 1e6
			});
		} else if (request.type === 'resetPeak') {
			peakRss = process.memoryUsage().rss;
			loopDelay.reset();
			send({ type: 'resetPeak' });
		} else if (request.type === 'close') {
			clearInterval(sampler);
			await started.close();
			send({ type: 'closed' });
			process.exit(0);
		}
	});
	send(started.ready);
}
