// Live-vote benchmark: N phones (socket.io-client) in one workshop all vote within a burst; we
// measure ballot ack latency (commit included), vote → visible (the first tally that holds the
// phone's own ballot, as numbered by the server child), time from the last
// ack until every phone has the final tally, server CPU and peak RSS, disconnections. The same
// clients against a bare socket.io room (ack at once, same tally fan-out) give the floor, in the
// same run. Figures go to docs/performance.md. Not a test.
//
// Run from the repository root (the bundle must sit under node_modules/ so that its external
// packages resolve):
//   npx esbuild bench/votes.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-votes.mjs && node node_modules/.cache/bench-votes.mjs
// Options: --clients=500,2000,5000 · --burst=2000 (ms) · --repeat=1 (runs per size; with more,
// a median row per server) · --pg (PostgreSQL at DATABASE_URL)
import type { Socket } from 'socket.io-client';
import {
	cliOption,
	connectPhone,
	forkServerChild,
	percentile,
	serveConfig,
	until
} from './harness';
import { runVotesChild, type ChildConfig, type ChildReady } from './votes-server-child';

const args = process.argv.slice(2);
const SIZES = cliOption('clients', '500,2000').split(',').map(Number);
const BURST_MS = Number(cliOption('burst', '2000'));
const REPEAT = Number(cliOption('repeat', '1'));
const DATABASE_URL = args.includes('--pg')
	? (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
	: undefined;
/** Connections opened at once: a room scanning the QR code, not a SYN flood. */
const CONNECT_BATCH = 100;

interface Phone {
	socket: Socket;
	greeted: boolean;
	ballotId: string;
	/** Every tally received: when, and how many ballots it counted. */
	tallies: Array<[at: number, total: number]>;
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
	const child = forkServerChild<ChildReady>(config);
	return {
		ready: child.ready,
		stats: () => child.ask<Stats>('stats'),
		counted: () => child.ask<{ counted: Array<[string, number]> }>('counted'),
		resetPeak: () => child.ask('resetPeak'),
		close: child.close
	};
}

interface Result {
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

async function run(config: ChildConfig): Promise<Result> {
	const child = startChild(config);
	const ready = await child.ready;
	const n = ready.tokens.length;
	const phones: Phone[] = [];
	for (let i = 0; i < n; i += CONNECT_BATCH) {
		const batch = ready.tokens.slice(i, i + CONNECT_BATCH).map((token) => {
			const phone: Phone = {
				socket: connectPhone(ready.port, token),
				greeted: false,
				ballotId: crypto.randomUUID(),
				tallies: [],
				disconnected: false
			};
			phone.socket.on('poll:state', () => (phone.greeted = true));
			phone.socket.on('disconnect', () => (phone.disconnected = true));
			phone.socket.on('poll:tally', (tally: { totalBallots?: number }) => {
				const at = performance.now();
				phone.tallies.push([at, tally.totalBallots ?? 0]);
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
						ballotId: phone.ballotId,
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
	// A tally shows a phone its vote once its total reaches the number the server gave its ballot.
	const counted = new Map((await child.counted()).counted);
	for (const phone of phones) {
		const rank = counted.get(phone.ballotId);
		if (rank !== undefined) phone.visibleAt = phone.tallies.find(([, total]) => total >= rank)?.[0];
	}
	const finals = phones.filter((p) => p.finalAt !== undefined).map((p) => p.finalAt!);
	const result: Result = {
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

/** One printed row: every column as a number, so that repeated runs can be summarised. */
function figures(r: Result, reference: Result | null): number[] {
	const p95 = percentile(r.visible, 95);
	return [
		percentile(r.ack, 50),
		percentile(r.ack, 95),
		percentile(r.ack, 99),
		percentile(r.visible, 50),
		p95,
		r.finalMs,
		r.failed,
		r.missingFinal,
		r.disconnected,
		r.cpuMs,
		r.loopDelayP99Ms,
		r.peakRssMb,
		reference ? p95 / percentile(reference.visible, 95) : 1
	];
}

function print(label: string, n: number, row: number[]) {
	const cells = row.map((value, i) => fmt(value, i === row.length - 1 ? 2 : 0));
	console.log(`| ${label} | ${n} | ${cells.join(' | ')} |`);
}

/** Column by column: on two shared cores a single run can swing by 2×, so runs are repeated. */
const median = (rows: number[][]) =>
	rows[0].map((_, i) =>
		percentile(
			rows.map((r) => r[i]),
			50
		)
	);

async function main() {
	const store = DATABASE_URL ? 'PostgreSQL 15' : 'PGlite (embedded)';
	console.log(
		`# Live-vote benchmark — ${new Date().toISOString()} — ${store}, burst ${BURST_MS} ms, ${REPEAT} run(s) per size, Node ${process.versions.node}`
	);
	console.log(
		'\n| server | N | ack p50 ms | ack p95 ms | ack p99 ms | vote→visible p50 ms | vote→visible p95 ms | last ack → final tally on every phone ms | failed acks | phones without final tally | disconnected | server CPU ms (burst) | server event-loop delay p99 ms | server peak RSS MB | visible p95 ÷ bare |'
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const clients of SIZES) {
		const bareRows: number[][] = [];
		const palabreRows: number[][] = [];
		for (let i = 0; i < REPEAT; i++) {
			// Each Palabre run is compared with the bare room measured just before it.
			const bare = await run({ kind: 'bare', clients });
			bareRows.push(figures(bare, null));
			print('bare socket.io room', clients, bareRows.at(-1)!);
			const palabre = await run({ kind: 'palabre', clients, databaseUrl: DATABASE_URL });
			palabreRows.push(figures(palabre, bare));
			print('palabre', clients, palabreRows.at(-1)!);
		}
		if (REPEAT > 1) {
			print(`**bare, median of ${REPEAT}**`, clients, median(bareRows));
			print(`**palabre, median of ${REPEAT}**`, clients, median(palabreRows));
		}
	}
}

const childConfig = serveConfig<ChildConfig>();
if (childConfig) {
	void runVotesChild(childConfig);
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
