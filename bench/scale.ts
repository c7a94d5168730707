// Scale benchmark (issue 15): the same workload, same run, against one instance and against two
// instances + Redis, both behind Debian's nginx (so the proxy hop is in both and the difference
// is the Redis hop and the second process). Workloads: E editors on one document split across
// the instances, T of them typing (propagation: a marker typed on one replica until each other
// replica holds it); P phones voting in one poll within a burst (ack latency, and vote → visible:
// the first tally, after the phone's ack, counting at least every ballot acknowledged up to then);
// and the Redis hop alone (XADD on one relay → XREAD on another). Figures go to
// docs/performance.md. Not a test. Needs PostgreSQL (DATABASE_URL), nginx and redis-server.
//
// Run from the repository root after `npm run build` (the instances run dist/server.js):
//   npx esbuild bench/scale.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-scale.mjs && node node_modules/.cache/bench-scale.mjs
// Options: --editors=500 --typing=50 --rate=2 (edits/s per typist) --phones=5000 --burst=2000
//   --measure=8000 (ms of typing measured) --only=collab,votes,hop
import { io as connectClient, type Socket } from 'socket.io-client';
import { PROTOCOL_PARAM, PROTOCOL_VERSION } from '../src/lib/protocol/version';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { createDocumentRelay } from '../server/collab/document-stream';
import type { User } from '../src/lib/server/repositories/users';
import type { PollResults } from '../src/lib/protocol/polls';
import { createCollabClients, type CollabClient } from '../tests/helpers/collab-client';
import { PIN_HEADER, startNginx } from '../tests/helpers/nginx';
import {
	seedWorkshopWithNotes,
	startServerChild,
	throwawayDatabase,
	withApp,
	type Cleanups
} from '../tests/realtime/server-child';
import { startPrivateRedis } from '../tests/scale/cluster';
import { cliOption, numberOption, percentile, until } from './harness';

const EDITORS = numberOption('editors', 500);
const TYPING = numberOption('typing', 50);
const RATE = numberOption('rate', 2);
const PHONES = numberOption('phones', 5000);
const BURST_MS = numberOption('burst', 2000);
const MEASURE_MS = numberOption('measure', 8000);
const ONLY = cliOption('only', 'collab,votes,hop').split(',');
/**
 * Editors whose replica decodes every update (the typists among them). The others are real
 * /collab connections that receive every update — the servers' fan-out work is whole — without
 * decoding them: on phones that work is each phone's own, while here 500 replicas decoding
 * 50,000 updates/s in the bench process take a core from the servers on a 2-core machine.
 */
const DECODING = Math.min(numberOption('decoding', EDITORS), EDITORS);
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONNECT_BATCH = 100;

const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '—');
const pin = (i: number, instances: number) => ({ [PIN_HEADER]: String(i % instances) });

async function deployment(instances: number, cleanups: Cleanups) {
	const databaseUrl = await throwawayDatabase(ADMIN_URL, 'palabre_bench_scale', cleanups);
	const env: Record<string, string> = { DATABASE_URL: databaseUrl, TRUST_PROXY: '1' };
	if (instances > 1) {
		const redis = await startPrivateRedis();
		cleanups.push(() => redis.stop());
		env.REDIS_URL = redis.url;
	}
	const seeded = await withApp({ DATABASE_URL: databaseUrl }, async (app) => {
		const { facilitator, workshop, document } = await seedWorkshopWithNotes(app, 'bench');
		const tokens: string[] = [];
		for (let i = 0; i < Math.max(EDITORS, PHONES); i++) {
			const { user } = await app.members.join(null, { code: workshop.code, displayName: `P${i}` });
			tokens.push((await app.sessions.create((user as User).id)).token);
		}
		return { facilitator, workshopId: workshop.id, documentId: document.id, tokens };
	});
	const children = Array.from({ length: instances }, () => startServerChild(env, cleanups));
	const ports = await Promise.all(children.map((c) => c.port));
	const proxy = await startNginx(ports);
	cleanups.push(() => proxy.stop());
	return { ...seeded, databaseUrl, proxy, instances };
}

type Deployment = Awaited<ReturnType<typeof deployment>>;

/** An editor that receives every message of the document and counts them, decoding nothing. */
function thinEditor(d: Deployment, token: string, pinTo: number) {
	const url = `${d.proxy.url.replace(/^http/, 'ws')}/collab/${d.documentId}?${PROTOCOL_PARAM}=${PROTOCOL_VERSION}`;
	const ws = new WebSocket(url, {
		headers: { cookie: `palabre_session=${token}`, ...pin(pinTo, d.instances) }
	});
	const editor = { ws, messages: 0, bytes: 0 };
	const synced = new Promise<void>((resolve, reject) => {
		ws.once('error', reject);
		ws.on('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0); // y-websocket's messageSync
			syncProtocol.writeSyncStep1(encoder, new Y.Doc());
			ws.send(encoding.toUint8Array(encoder));
		});
		ws.on('message', (data: Buffer) => {
			editor.messages++;
			editor.bytes += data.length;
			resolve();
		});
	});
	return { editor, synced };
}

async function collab(d: Deployment) {
	const clients = createCollabClients();
	const replicas: CollabClient[] = [];
	const thin: ReturnType<typeof thinEditor>['editor'][] = [];
	for (let i = DECODING; i < EDITORS; i += CONNECT_BATCH) {
		const batch = [];
		for (let j = i; j < Math.min(EDITORS, i + CONNECT_BATCH); j++) {
			const { editor, synced } = thinEditor(d, d.tokens[j], j);
			thin.push(editor);
			batch.push(synced);
		}
		await Promise.all(batch);
	}
	for (let i = 0; i < DECODING; i += CONNECT_BATCH) {
		const batch = [];
		for (let j = i; j < Math.min(DECODING, i + CONNECT_BATCH); j++) {
			const client = clients.connect(
				d.proxy.url,
				d.documentId,
				`palabre_session=${d.tokens[j]}`,
				new Y.Doc(),
				{ headers: pin(j, d.instances) }
			);
			batch.push(client);
		}
		await Promise.all(batch.map((c) => c.synced()));
		replicas.push(...batch);
	}
	const sentAt = new Map<string, number>();
	const latencies: number[] = [];
	let measuring = false;
	replicas.forEach((replica, r) => {
		replica.doc.getText('body').observe((event) => {
			if (event.transaction.local || !measuring) return;
			const now = performance.now();
			for (const op of event.changes.delta) {
				if (typeof op.insert !== 'string') continue;
				for (const m of op.insert.matchAll(/‹(\d+)\.(\d+)›/g)) {
					if (Number(m[1]) === r) continue;
					const at = sentAt.get(m[0]);
					if (at !== undefined) latencies.push(now - at);
				}
			}
		});
	});
	const counters = replicas.slice(0, TYPING).map(() => 0);
	const timer = setInterval(() => {
		counters.forEach((_, i) => {
			counters[i]++;
			const marker = `‹${i}.${counters[i]}›`;
			sentAt.set(marker, performance.now());
			replicas[i].doc.getText('body').insert(0, marker);
		});
	}, 1000 / RATE);
	await new Promise((resolve) => setTimeout(resolve, 2_000));
	measuring = true;
	await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
	clearInterval(timer);
	await new Promise((resolve) => setTimeout(resolve, 2_000));
	measuring = false;
	clients.cleanup();
	const thinMessages = thin.reduce((sum, e) => sum + e.messages, 0);
	for (const e of thin) e.ws.close();
	return {
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		n: latencies.length,
		thin: thin.length,
		thinMessages
	};
}

async function votes(d: Deployment) {
	const poll = await withApp({ DATABASE_URL: d.databaseUrl }, async (app) => {
		const created = await app.polls.create(d.facilitator, d.workshopId, {
			question: 'Quel chantier en premier ?',
			method: 'single',
			options: [{ label: 'Eau' }, { label: 'Routes' }, { label: 'Écoles' }],
			reveal: 'live'
		});
		await app.polls.command(d.facilitator, created.id, 'open');
		return created;
	});
	interface Phone {
		socket: Socket;
		tallies: Array<[number, number]>;
		sentAt?: number;
		ackAt?: number;
		ackedBefore?: number;
		visibleAt?: number;
	}
	const phones: Phone[] = [];
	for (let i = 0; i < PHONES; i += CONNECT_BATCH) {
		const batch: Phone[] = [];
		for (let j = i; j < Math.min(PHONES, i + CONNECT_BATCH); j++) {
			const socket = connectClient(d.proxy.url, {
				path: '/socket.io',
				auth: { [PROTOCOL_PARAM]: PROTOCOL_VERSION },
				transports: ['websocket'],
				extraHeaders: { cookie: `palabre_session=${d.tokens[j]}`, ...pin(j, d.instances) },
				reconnection: false,
				forceNew: true
			});
			const phone: Phone = { socket, tallies: [] };
			socket.on('poll:tally', (t: PollResults) => {
				if (t.pollId === poll.id) phone.tallies.push([performance.now(), t.totalBallots ?? 0]);
			});
			batch.push(phone);
		}
		await Promise.all(
			batch.map(
				(p) =>
					new Promise<void>((resolve, reject) => {
						p.socket.once('connect', () =>
							p.socket.emit('workshop:enter', { workshopId: d.workshopId }, () => resolve())
						);
						// A refused connection (proxy out of connections, instance gone) ends the run
						// with its reason instead of waiting forever.
						p.socket.once('connect_error', reject);
					})
			)
		);
		phones.push(...batch);
	}
	let acked = 0;
	phones.forEach((phone, i) => {
		setTimeout(() => {
			phone.sentAt = performance.now();
			phone.socket.emit(
				'poll:vote',
				{
					pollId: poll.id,
					ballotId: crypto.randomUUID(),
					choice: { optionId: poll.options[i % 3].id }
				},
				(res: { ok: boolean }) => {
					phone.ackAt = performance.now();
					if (res.ok) acked++;
					phone.ackedBefore = acked;
				}
			);
		}, Math.random() * BURST_MS);
	});
	await until(() => phones.every((p) => p.ackAt !== undefined), 120_000);
	await until(() => phones.every((p) => p.tallies.some(([, total]) => total >= acked)), 60_000);
	for (const p of phones) {
		p.visibleAt = p.tallies.find(([at, total]) => at >= p.ackAt! && total >= p.ackedBefore!)?.[0];
	}
	const ack = phones.map((p) => p.ackAt! - p.sentAt!);
	const visible = phones.filter((p) => p.visibleAt).map((p) => p.visibleAt! - p.sentAt!);
	phones.forEach((p) => p.socket.disconnect());
	return {
		acked,
		ackP50: percentile(ack, 50),
		ackP95: percentile(ack, 95),
		visibleP95: percentile(visible, 95)
	};
}

/** The Redis hop alone: one relay publishes an update, another (same Redis) receives it. */
async function hop() {
	const redis = await startPrivateRedis();
	const a = await createDocumentRelay({ url: redis.url, keyPrefix: 'bench:' });
	const b = await createDocumentRelay({ url: redis.url, keyPrefix: 'bench:' });
	const docId = crypto.randomUUID();
	const latencies: number[] = [];
	let sent = 0;
	b.join(docId, {
		update: () => latencies.push(performance.now() - sent),
		awareness: () => undefined,
		resync: () => undefined
	});
	a.join(docId, { update: () => undefined, awareness: () => undefined, resync: () => undefined });
	await new Promise((resolve) => setTimeout(resolve, 200));
	const update = new Uint8Array(64).fill(7);
	for (let i = 0; i < 500; i++) {
		const before = latencies.length;
		sent = performance.now();
		a.publishUpdate(docId, update);
		await until(() => latencies.length > before, 2_000);
	}
	await Promise.all([a.close(), b.close()]);
	await redis.stop();
	return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

async function main() {
	console.log(
		`scale bench: ${EDITORS} editors (${TYPING} typing at ${RATE}/s), ${PHONES} phones, ` +
			`burst ${BURST_MS} ms — node ${process.version}, ${new Date().toISOString()}`
	);
	if (ONLY.includes('hop')) {
		const h = await hop();
		console.log(
			`Redis hop (XADD → XREAD, 64 B update): p50 ${h.p50.toFixed(2)} ms, p95 ${h.p95.toFixed(2)} ms`
		);
	}
	for (const instances of [1, 2]) {
		const cleanups: Cleanups = [];
		try {
			const d = await deployment(instances, cleanups);
			const label = instances === 1 ? '1 instance' : '2 instances + Redis';
			if (ONLY.includes('collab')) {
				const c = await collab(d);
				console.log(
					`${label}: propagation p50 ${ms(c.p50)}, p95 ${ms(c.p95)} (${c.n} deliveries to ` +
						`${DECODING} decoding replicas; ${c.thin} non-decoding editors received ` +
						`${c.thinMessages} messages)`
				);
			}
			if (ONLY.includes('votes')) {
				const v = await votes(d);
				console.log(
					`${label}: ${v.acked}/${PHONES} ballots, ack p50 ${ms(v.ackP50)}, p95 ${ms(v.ackP95)}, ` +
						`vote → visible p95 ${ms(v.visibleP95)}`
				);
			}
		} finally {
			for (const cleanup of cleanups.reverse()) await cleanup();
		}
	}
	process.exit(0);
}

void main();
