// Scenarios of bench/collab.ts, each against a fresh server child process: update propagation,
// join storm, idle documents. Every wait is bounded: a collapsing server yields a row, not a hang.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { connectLoadClient, percentile, typeOnce, type LoadClient } from './collab-load';
import type { ChildConfig, ChildRequest, ChildStats } from './collab-server-child';

export interface Windows {
	warmupMs: number;
	measureMs: number;
}

interface Child {
	url: (docId: string) => string;
	request<T>(request: ChildRequest, reply: string): Promise<T>;
	stats(gc?: boolean): Promise<ChildStats>;
	close(): Promise<void>;
}

async function startChild(config: ChildConfig): Promise<Child> {
	const child: ChildProcess = fork(process.argv[1], ['--serve', JSON.stringify(config)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: ['--expose-gc']
	});
	const next = (type: string) =>
		new Promise<Record<string, unknown>>((resolve) => {
			const listener = (message: Record<string, unknown>) => {
				if (message.type !== type) return;
				child.off('message', listener);
				resolve(message);
			};
			child.on('message', listener);
		});
	const { port } = (await next('ready')) as { port: number };
	// A saturated server answers late or never: every request is bounded.
	const request = async <T>(req: ChildRequest, reply: string, timeoutMs = 20_000) => {
		const answer = next(reply);
		child.send(req);
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`no ${reply} within ${timeoutMs} ms`)), timeoutMs);
		});
		try {
			return (await Promise.race([answer, timeout])) as T;
		} finally {
			clearTimeout(timer);
		}
	};
	return {
		url: (docId) => `ws://127.0.0.1:${port}/collab/${docId}`,
		request,
		stats: async (gc = false) =>
			(await request<{ stats: ChildStats }>({ type: 'stats', gc }, 'stats')).stats,
		close: async () => {
			try {
				await request({ type: 'close' }, 'closed', 10_000);
			} catch {
				// a collapsed server does not get to finish
			}
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	};
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) return false;
		await delay(20);
	}
	return true;
}

export interface PropagationResult {
	server: string;
	n: number;
	k: number;
	p50: number;
	p95: number;
	p99: number;
	delivered: number;
	cpu: number;
	rssMb: number;
	/** Event-loop utilisation of this (client) process: near 100 %, latencies include our lag. */
	clientElu: number;
}

export async function propagation(
	windows: Windows,
	label: string,
	config: ChildConfig,
	n: number,
	k: number
): Promise<PropagationResult> {
	const child = await startChild(config);
	const url = child.url(randomUUID());
	const latencies: number[] = [];
	let measuring = false;
	const clients: LoadClient[] = [];
	for (let i = 0; i < n; i++) {
		const typist = i < k;
		clients.push(
			connectLoadClient({
				url,
				id: i,
				withDoc: typist,
				onLatency: typist ? undefined : (ms) => measuring && latencies.push(ms)
			})
		);
		if (i % 50 === 49) await delay(10);
	}
	await until(() => clients.every((c) => c.joinedAt !== null), 30_000);
	const timers: NodeJS.Timeout[] = [];
	clients.slice(0, k).forEach((client, i) => {
		let clock = 1;
		timers.push(
			setTimeout(
				() => timers.push(setInterval(() => typeOnce(client, i, ++clock), 500)),
				Math.random() * 500
			)
		);
	});
	await delay(windows.warmupMs);
	const before = await child.stats().catch(() => null);
	const t0 = performance.now();
	const elu = performance.eventLoopUtilization();
	measuring = true;
	await delay(windows.measureMs);
	measuring = false;
	const window = performance.now() - t0;
	const clientElu = performance.eventLoopUtilization(elu).utilization;
	// Typing stops first: a saturated server must be able to answer at all.
	for (const timer of timers) clearTimeout(timer);
	const after = await child.stats().catch(() => null);
	const elapsed = performance.now() - t0;
	for (const client of clients) client.close();
	await child.close();
	const expected = k * 2 * (n - k) * (window / 1000);
	return {
		server: label,
		n,
		k,
		delivered: latencies.length / expected,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		// Over the window plus the time it took to answer (≈ the window unless saturated).
		cpu: before && after ? (after.cpuMicros - before.cpuMicros) / 10 / elapsed : NaN,
		rssMb: after ? after.rss / 1e6 : NaN,
		clientElu
	};
}

export async function joinStorm(
	label: string,
	config: ChildConfig,
	compacted = false,
	clientsCount = 500,
	windowMs = 2_000
) {
	const child = await startChild(config);
	const docId = randomUUID();
	const seeded = await child.request<{ updates: number; bytes: number }>(
		{ type: 'seed', docId, bytes: 500_000, compacted },
		'seeded'
	);
	const before = await child.stats().catch(() => null);
	const t0 = performance.now();
	const clients: LoadClient[] = [];
	for (let i = 0; i < clientsCount; i++) {
		setTimeout(
			() => clients.push(connectLoadClient({ url: child.url(docId), id: i, withDoc: false })),
			(i * windowMs) / clientsCount
		);
	}
	const done = await until(
		() => clients.length === clientsCount && clients.every((c) => c.joinedAt !== null),
		60_000
	);
	const after = await child.stats().catch(() => null);
	const joins = clients
		.filter((c) => c.joinedAt !== null)
		.map((c) => (c.joinedAt as number) - c.startedAt);
	const first = clients[0]?.joinedAt ? (clients[0].joinedAt as number) - clients[0].startedAt : NaN;
	for (const client of clients) client.close();
	await child.close();
	return {
		server: label,
		history: `${seeded.updates} updates, ${Math.round(seeded.bytes / 1000)} KB`,
		joined: `${joins.length}/${clientsCount}${done ? '' : ' (timeout)'}`,
		first,
		p50: percentile(joins, 50),
		p95: percentile(joins, 95),
		max: percentile(joins, 100),
		cpuSeconds: before && after ? (after.cpuMicros - before.cpuMicros) / 1e6 : NaN,
		wallSeconds: (performance.now() - t0) / 1000
	};
}

export async function idleDocuments(label: string, config: ChildConfig, documents = 200) {
	const child = await startChild(config);
	await delay(300);
	const before = await child.stats(true);
	const clients: LoadClient[] = [];
	for (let i = 0; i < documents; i++) {
		const client = connectLoadClient({ url: child.url(randomUUID()), id: i, withDoc: true });
		clients.push(client);
	}
	await until(() => clients.every((c) => c.joinedAt !== null), 30_000);
	// About 2 KB of text per document, typed in 40 edits (a short charter section).
	for (let round = 0; round < 40; round++) {
		for (const client of clients)
			client.doc?.getText('default').insert(0, 'Les habitants du quartier ');
		await delay(5);
	}
	await delay(1_500);
	const open = await child.stats(true);
	for (const client of clients) client.close();
	const t0 = performance.now();
	const unloaded = config.kind === 'palabre' ? await waitUnloaded(child) : false;
	const after = await child.stats(true);
	await child.close();
	return {
		server: label,
		documents,
		rssPerOpenDocKb: (open.rss - before.rss) / documents / 1000,
		heapPerOpenDocKb: (open.heapUsed - before.heapUsed) / documents / 1000,
		heapAfterUnloadPerDocKb: (after.heapUsed - before.heapUsed) / documents / 1000,
		unloadedAfterMs: unloaded ? Math.round(performance.now() - t0) : NaN,
		rssAfterUnloadMb: after.rss / 1e6,
		rssBeforeMb: before.rss / 1e6
	};
}

async function waitUnloaded(child: Child): Promise<boolean> {
	const deadline = performance.now() + 15_000;
	while (performance.now() < deadline) {
		if ((await child.stats()).documents === 0) return true;
		await delay(100);
	}
	return false;
}
