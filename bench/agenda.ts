// Facilitation benchmark: 2,000 phones in one workshop, the facilitator pressing "next" 10 times.
// Measures how long until every phone has the new round, and counts server→client messages to
// show there are no per-second ticks (clients count down from `endsAt`). The same clients and
// payload against a bare socket.io broadcast give the floor. Figures go to docs/performance.md.
//
// Run from the repository root (Node 20 cannot strip types; the bundle must sit under
// node_modules/ so that its external packages resolve):
//   npx esbuild bench/agenda.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-agenda.mjs && node node_modules/.cache/bench-agenda.mjs
// Options: --clients=2000 · --presses=10 · --idle=10 (seconds of running timer to watch)
import type { Socket } from 'socket.io-client';
import {
	connectPhone,
	forkServerChild,
	numberOption,
	percentile,
	serveConfig,
	until
} from './harness';
import type { AgendaState } from '../src/lib/protocol/events';
import { runAgendaChild, type ChildConfig, type ChildReady } from './agenda-server-child';

const CLIENTS = numberOption('clients', 2000);
const PRESSES = numberOption('presses', 10);
const IDLE_S = numberOption('idle', 10);
/** Connections opened at once: a room scanning the QR code, not a SYN flood. */
const CONNECT_BATCH = 100;

interface Phone {
	socket: Socket;
	/** Round index → when this phone received it (performance.now()). */
	received: Map<number, number>;
}

interface RunResult {
	label: string;
	latencies: number[];
	/** Per press: until the last phone had the round. */
	allReached: number[];
	/** socket.io packets received by the phones while pressing, and per phone per press. */
	messages: number;
	idleMessages: number | null;
	serverCpuMs: number;
	payloadBytes: number;
	lastState: AgendaState | null;
}

function startChild(config: ChildConfig) {
	const child = forkServerChild<ChildReady>(config);
	return {
		ready: child.ready,
		cpuMs: async () => (await child.ask<{ micros: number }>('cpu')).micros / 1000,
		close: child.close
	};
}

/** Waits for `check`, failing the run (not returning false) when it does not come. */
async function waitUntil(check: () => boolean, timeoutMs: number, what: string) {
	if (!(await until(check, timeoutMs))) throw new Error(`timed out: ${what}`);
}

async function run(label: string, config: ChildConfig): Promise<RunResult> {
	const child = startChild(config);
	const ready = await child.ready;
	const phones: Phone[] = [];
	let packets = 0;
	let lastState: AgendaState | null = null;
	let payloadBytes = 0;
	for (let i = 0; i < ready.tokens.length; i += CONNECT_BATCH) {
		const batch = ready.tokens.slice(i, i + CONNECT_BATCH).map((token) => {
			const phone: Phone = { socket: connectPhone(ready.port, token), received: new Map() };
			phone.socket.io.engine.on('packet', (p: { type: string }) => {
				if (p.type === 'message') packets += 1;
			});
			phone.socket.on('agenda:state', (state: AgendaState) => {
				const index = state.current?.index ?? -1;
				if (!phone.received.has(index)) phone.received.set(index, performance.now());
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
	await waitUntil(() => phones.every((p) => p.received.has(0)), 60_000, 'every phone greeted');

	const facilitator = connectPhone(ready.port, ready.facilitatorToken);
	facilitator.on('agenda:state', (state: AgendaState) => {
		lastState = state;
		payloadBytes = Buffer.byteLength(JSON.stringify(state));
	});
	await new Promise<void>((resolve) => facilitator.once('connect', () => resolve()));
	await facilitator.emitWithAck('workshop:enter', { workshopId: ready.workshopId });

	const latencies: number[] = [];
	const allReached: number[] = [];
	const packetsBefore = packets;
	const cpuBefore = await child.cpuMs();
	for (let press = 1; press <= PRESSES; press++) {
		const t0 = performance.now();
		facilitator.emit('agenda:command', { workshopId: ready.workshopId, command: 'next' }, () => {});
		await waitUntil(() => phones.every((p) => p.received.has(press)), 30_000, `round ${press}`);
		const times = phones.map((p) => p.received.get(press)! - t0);
		latencies.push(...times);
		allReached.push(Math.max(...times));
	}
	const serverCpuMs = (await child.cpuMs()) - cpuBefore;
	const messages = packets - packetsBefore;

	// A running round for IDLE_S seconds: the phones count down alone, the server stays silent.
	let idleMessages: number | null = null;
	if (config.kind === 'palabre') {
		const started = await facilitator.emitWithAck('agenda:command', {
			workshopId: ready.workshopId,
			command: 'start'
		});
		if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`);
		// Everyone gets the one "running" message, then silence is measured.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const before = packets;
		await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
		idleMessages = packets - before;
	}

	facilitator.disconnect();
	for (const p of phones) p.socket.disconnect();
	await child.close();
	return {
		label,
		latencies,
		allReached,
		messages,
		idleMessages,
		serverCpuMs,
		payloadBytes,
		lastState
	};
}

const ms = (v: number) => v.toFixed(1);

function print(r: RunResult, reference: RunResult | null) {
	const p95 = percentile(r.latencies, 95);
	console.log(
		`| ${r.label} | ${ms(percentile(r.latencies, 50))} | ${ms(p95)} | ${ms(Math.max(...r.latencies))} | ` +
			`${ms(percentile(r.allReached, 50))} | ${ms(Math.max(...r.allReached))} | ` +
			`${r.messages} (${(r.messages / CLIENTS / PRESSES).toFixed(2)}) | ` +
			`${r.idleMessages ?? '—'} | ${ms(r.serverCpuMs / PRESSES)} | ${r.payloadBytes} | ` +
			`${reference ? (p95 / percentile(reference.latencies, 95)).toFixed(2) : '—'} |`
	);
}

async function main() {
	console.log(
		`# Agenda "next" benchmark — ${new Date().toISOString()} — ${CLIENTS} clients, ${PRESSES} presses, Node ${process.versions.node}`
	);
	const base = { clients: CLIENTS, rounds: PRESSES + 1 };
	const palabre = await run('palabre (service + PGlite + socket.io)', { kind: 'palabre', ...base });
	if (!palabre.lastState) throw new Error('no state captured from Palabre');
	const bare = await run('bare socket.io broadcast, same payload', {
		kind: 'bare',
		...base,
		template: palabre.lastState
	});
	console.log(
		'\n| server | p50 ms | p95 ms | max ms | all phones, median press ms | all phones, worst press ms | messages while pressing (per phone per press) | messages in ' +
			`${IDLE_S} s of running timer | server CPU ms per press | payload bytes | p95 ÷ bare |`
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|');
	print(bare, null);
	print(palabre, bare);
}

const childConfig = serveConfig<ChildConfig>();
if (childConfig) {
	void runAgendaChild(childConfig);
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
