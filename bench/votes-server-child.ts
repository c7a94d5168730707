// The server side of bench/votes.ts, in a child process so that its CPU and RSS are its own.
// Either the real Palabre server (PGlite in a temporary directory, or a fresh PostgreSQL database)
// with an open poll whose results are live, or a bare socket.io room that acks each vote at once
// and broadcasts a tally of the same shape 5 times per second: the floor to compare with.
//
// Both count the ballots they acknowledge, in order: the n-th acknowledged ballot is in every
// tally whose total is at least n (a batch enters the tally whole, after its commit), which is
// how the parent knows which tally first showed each phone its own vote.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TALLY_INTERVAL_MS } from '../src/lib/protocol/polls';
import { serveParent, startBareSocketServer, startBenchPalabre } from './harness';

type BenchApp = Awaited<ReturnType<typeof startBenchPalabre>>['app'];

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

async function startPalabre(config: ChildConfig) {
	const bench = await startBenchPalabre({
		clients: config.clients,
		workshop: { title: 'Conférence de quartier (banc d’essai)', kind: 'conference' },
		databaseUrl: config.databaseUrl
	});
	const { app, facilitator } = bench;
	const counted = countAcknowledged(app.polls);
	const poll = await app.polls.create(facilitator, bench.workshop.id, {
		question: 'Quel thème pour la prochaine conférence ?',
		method: 'single',
		options: [{ label: 'Eau potable' }, { label: 'Santé' }, { label: 'Éducation' }],
		reveal: 'live'
	});
	await app.polls.command(facilitator, poll.id, 'open');
	const ready: Omit<ChildReady, 'type'> = {
		port: bench.port,
		workshopId: bench.workshop.id,
		pollId: poll.id,
		optionIds: poll.options.map((o) => o.id),
		tokens: bench.tokens
	};
	return { ready, counted, close: bench.close };
}

/** Wraps `castBallot` (the socket path calls it through the object) to number new ballots. */
function countAcknowledged(polls: BenchApp['polls']) {
	const counted = new Map<string, number>();
	const cast = polls.castBallot;
	polls.castBallot = async (...args) => {
		const receipt = await cast(...args);
		if (receipt.outcome === 'created') counted.set(receipt.ballotId, counted.size + 1);
		return receipt;
	};
	return counted;
}

/** socket.io with Palabre's options and nothing else: no session, no database, no service. */
async function startBare(config: ChildConfig) {
	const bare = await startBareSocketServer();
	const { io } = bare;
	// Option ids and the tally's shape as Palabre sends them, so both servers fan out the same bytes.
	const optionIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
	const labels = ['Eau potable', 'Santé', 'Éducation'];
	const counts: Record<string, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
	const openedAt = Date.now();
	let total = 0;
	const counted = new Map<string, number>();
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
		socket.on('poll:vote', (payload: { ballotId: string; choice: { optionId: string } }, ack) => {
			const id = payload.choice.optionId;
			if (id in counts) counts[id] += 1;
			total += 1;
			counted.set(payload.ballotId, total);
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
	const ready: Omit<ChildReady, 'type'> = {
		port: bare.port,
		workshopId: 'bare',
		pollId: 'bare',
		optionIds,
		tokens: Array.from({ length: config.clients }, (_, i) => `bare-${i}`)
	};
	return { ready, counted, close: bare.close };
}

export async function runVotesChild(config: ChildConfig) {
	const started = config.kind === 'palabre' ? await startPalabre(config) : await startBare(config);
	// memoryUsage.rss() alone: the full memoryUsage() walks the heap, at a cost seen in profiles.
	let peakRss = process.memoryUsage.rss();
	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	loopDelay.enable();
	setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, 50).unref();
	serveParent(started, {
		stats() {
			const usage = process.cpuUsage();
			return {
				cpuMicros: usage.user + usage.system,
				peakRss,
				loopDelayP99Ms: loopDelay.percentile(99) / 1e6
			};
		},
		counted() {
			return { counted: [...started.counted] };
		},
		resetPeak() {
			peakRss = process.memoryUsage.rss();
			loopDelay.reset();
			return {};
		}
	});
}
