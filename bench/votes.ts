// Live-vote benchmark: N phones (socket.io-client) in one workshop all vote within a burst; we
// measure ballot ack latency (commit included), vote → visible in a tally, time from the last
// ack until every phone has the final tally, server CPU and peak RSS, disconnections. The same
// clients against a bare socket.io room (ack at once, same tally fan-out) give the floor, in the
// same run. Figures go to docs/performance.md. Not a test.
//
// Run from the repository root (the bundle must sit under node_modules/ so that its external
// packages resolve):
//   npx esbuild bench/votes.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-votes.mjs && node node_modules/.cache/bench-votes.mjs
// Options: --clients=500,2000,5000 · --burst=2000 (ms) · --pg (PostgreSQL at DATABASE_URL)
import { fork, type ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import { runVotesChild, type ChildConfig, type ChildReady } from './votes-server-child';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SIZES = (option('clients') ?? '500,2000').split(',').map(Number);
const BURST_MS = Number(option('burst') ?? 2000);
const DATABASE_URL = args.includes('--pg')
	? (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
	: undefined;
/** Connections opened at once: a room scanning the QR code, not a SYN flood. */
const CONNECT_BATCH = 100;

interface Phone {
	socket: Socket;
	greeted: boolean;
	sentAt?: number;
	ackAt?: number;
	ackOk?: boolean;
	visibleAt?: number;
	finalAt?: number;
	disconnected: boolean;
}

interface Stats {
	cpuMicros: number;
	peakRss: number;
	/** The server's event-loop delay during the burst: how long a message waited to be read. */
	loopDelayP99Ms: number;
}

function startChild(config: ChildConfig) {
	const child: ChildProcess = fork(process.argv[1]!, ['--serve', JSON.stringify(config)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		// BENCH_SERVER_NODE_OPTIONS=--cpu-prof profiles the server alone.
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
	const ask = <T>(type: string) => {
		const reply = next<T>(type);
		child.send({ type });
		return reply;
	};
	return {
		ready: next<ChildReady>('ready'),
		stats: () => ask<Stats>('stats'),
		resetPeak: () => ask('resetPeak'),
		close() {
			const closed = next('closed');
			child.send({ type: 'close' });
			return closed.catch(() => {});
		}
	};
}

function connect(port: number, token: string): Socket {
	return io(`http://127.0.0.1:${port}`, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie: `palabre_session=${token}` },
		reconnection: false,
		forceNew: true
	});
}

function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	return new Promise((resolve) => {
		const poll = () => {
			if (check()) return resolve(true);
			if (performance.now() > deadline) return resolve(false);
			setTimeout(poll, 5);
		};
		poll();
	});
}

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

interface Result {
	label: string;
	n: number;
	ack: number[];
	visible: number[];
	failed: number;
	finalMs: number;
	missingFinal: number;
	disconnected: number;
	cpuMs: number;
	peakRssMb: number;
	loopDelayP99Ms: number;
}

async function run(label: string, config: ChildConfig): Promise<Result> {
	const child = startChild(config);
	const ready = await child.ready;
	const n = ready.tokens.length;
	const phones: Phone[] = [];
	for (let i = 0; i < n; i += CONNECT_BATCH) {
		const batch = ready.tokens.slice(i, i + CONNECT_BATCH).map((token) => {
			const phone: Phone = {
				socket: connect(ready.port, token),
				greeted: false,
				disconnected: false
			};
			phone.socket.on('poll:state', () => (phone.greeted = true));
			phone.socket.on('disconnect', () => (phone.disconnected = true));
			phone.socket.on('poll:tally', (tally: { totalBallots?: number }) => {
				const at = performance.now();
				if (phone.ackAt !== undefined && phone.visibleAt === undefined) phone.visibleAt = at;
				if (tally.totalBallots === n && phone.finalAt === undefined) phone.finalAt = at;
			});
			phones.push(phone);
			return new Promise<void>((resolve, reject) => {
				phone.socket.once('connect', () =>
					phone.socket.emit('workshop:enter', { workshopId: ready.workshopId }, () => resolve())
				);
				phone.socket.once('connect_error', reject);
			});
		});
		await Promise.all(batch);
	}
	// A room fills over minutes; the burst starts once every phone has been greeted with the poll.
	await until(() => phones.every((p) => p.greeted), 120_000);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	await child.resetPeak();
	const before = await child.stats();
	phones.forEach((phone, i) => {
		setTimeout(
			() => {
				phone.sentAt = performance.now();
				phone.socket.emit(
					'poll:vote',
					{
						pollId: ready.pollId,
						ballotId: crypto.randomUUID(),
						choice: { optionId: ready.optionIds[i % ready.optionIds.length] }
					},
					(res: { ok: boolean }) => {
						phone.ackAt = performance.now();
						phone.ackOk = res.ok;
					}
				);
			},
			(i / n) * BURST_MS
		);
	});
	await until(() => phones.every((p) => p.ackAt !== undefined), BURST_MS + 60_000);
	const lastAck = Math.max(...phones.map((p) => p.ackAt ?? 0));
	await until(() => phones.every((p) => p.finalAt !== undefined || p.disconnected), 30_000);
	const after = await child.stats();
	const finals = phones.filter((p) => p.finalAt !== undefined).map((p) => p.finalAt!);
	const result: Result = {
		label,
		n,
		ack: phones.filter((p) => p.ackAt && p.sentAt).map((p) => p.ackAt! - p.sentAt!),
		visible: phones.filter((p) => p.visibleAt && p.sentAt).map((p) => p.visibleAt! - p.sentAt!),
		failed: phones.filter((p) => p.ackOk === false || p.ackAt === undefined).length,
		finalMs: finals.length ? Math.max(...finals) - lastAck : NaN,
		missingFinal: n - finals.length,
		disconnected: phones.filter((p) => p.disconnected).length,
		cpuMs: (after.cpuMicros - before.cpuMicros) / 1000,
		peakRssMb: after.peakRss / 1024 / 1024,
		loopDelayP99Ms: after.loopDelayP99Ms
	};
	for (const p of phones) p.socket.disconnect();
	await child.close();
	return result;
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

function print(r: Result, reference: Result | null) {
	const p95 = percentile(r.visible, 95);
	const ratio = reference ? fmt(p95 / percentile(reference.visible, 95), 2) : '1';
	console.log(
		`| ${r.label} | ${r.n} | ${fmt(percentile(r.ack, 50))} | ${fmt(percentile(r.ack, 95))} | ${fmt(percentile(r.ack, 99))} | ` +
			`${fmt(percentile(r.visible, 50))} | ${fmt(p95)} | ${fmt(r.finalMs)} | ${r.failed} | ${r.missingFinal} | ${r.disconnected} | ` +
			`${fmt(r.cpuMs)} | ${fmt(r.loopDelayP99Ms)} | ${fmt(r.peakRssMb)} | ${ratio} |`
	);
}

async function main() {
	const store = DATABASE_URL ? 'PostgreSQL 15' : 'PGlite (embedded)';
	console.log(
		`# Live-vote benchmark — ${new Date().toISOString()} — ${store}, burst ${BURST_MS} ms, Node ${process.versions.node}`
	);
	console.log(
		'\n| server | N | ack p50 ms | ack p95 ms | ack p99 ms | vote→visible p50 ms | vote→visible p95 ms | last ack → final tally on every phone ms | failed acks | phones without final tally | disconnected | server CPU ms (burst) | server event-loop delay p99 ms | server peak RSS MB | visible p95 ÷ bare |'
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const clients of SIZES) {
		const bare = await run('bare socket.io room', { kind: 'bare', clients });
		print(bare, null);
		const palabre = await run('palabre', { kind: 'palabre', clients, databaseUrl: DATABASE_URL });
		print(palabre, bare);
	}
}

if (args[0] === '--serve') {
	void runVotesChild(JSON.parse(args[1]!) as ChildConfig);
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
