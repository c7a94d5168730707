// Prometheus instruments of one running app (GET /metrics, docs/operations.md « Metrics »).
// Each app owns its registry: tests run several servers in one process, and prom-client's global
// registry would mix their numbers (and refuse a second metric of the same name).
// Counts that live elsewhere (connections, open documents) are read when scraped, through
// `observe`, so the hot paths carry no bookkeeping for them; only ballots are counted as they go.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the realtime layer reports when it is attached (read at scrape time). */
export interface LiveCounts {
	/** socket.io connections on this instance. */
	socketConnections(): number;
	/** Workshops with at least one socket in their room on this instance. */
	workshopsOpen(): number;
	/** The Yjs registry: documents loaded, /collab connections, updates in and messages out. */
	collab(): { documents: number; connections: number; updatesIn: number; fanoutMessages: number };
}

export function createMetrics() {
	const registry = new Registry();
	// Event-loop lag (nodejs_eventloop_lag_*), heap (nodejs_heap_*), GC, handles, CPU, RSS.
	collectDefaultMetrics({ register: registry });
	const registers = [registry];
	let live: LiveCounts | null = null;

	new Gauge({
		name: 'palabre_connections',
		help: 'Open realtime connections on this instance, by channel.',
		labelNames: ['channel'] as const,
		registers,
		collect() {
			this.set({ channel: 'socket.io' }, live?.socketConnections() ?? 0);
			this.set({ channel: 'collab' }, live?.collab().connections ?? 0);
		}
	});
	new Gauge({
		name: 'palabre_workshops_open',
		help: 'Workshops with at least one live socket on this instance.',
		registers,
		collect() {
			this.set(live?.workshopsOpen() ?? 0);
		}
	});
	new Gauge({
		name: 'palabre_documents_open',
		help: 'Co-edited documents loaded in memory on this instance.',
		registers,
		collect() {
			this.set(live?.collab().documents ?? 0);
		}
	});
	// The registry's own counters only grow; a counter that prom-client must `inc` would need
	// the previous value, so these are exposed as counters set from the running totals.
	const yjsUpdates = new Counter({
		name: 'palabre_yjs_updates_total',
		help: 'Yjs messages on this instance: "in" updates accepted into documents, "out" messages sent by fan-out (updates and carets).',
		labelNames: ['direction'] as const,
		registers,
		collect() {
			const stats = live?.collab();
			if (!stats) return;
			yjsUpdates.reset();
			yjsUpdates.inc({ direction: 'in' }, stats.updatesIn);
			yjsUpdates.inc({ direction: 'out' }, stats.fanoutMessages);
		}
	});
	const ballots = new Counter({
		name: 'palabre_ballots_acknowledged_total',
		help: 'Ballots stored and acknowledged to the voter by this instance.',
		registers
	});
	const ackSeconds = new Histogram({
		name: 'palabre_ballot_ack_seconds',
		help: 'Time from a ballot reaching this instance to its acknowledgement being sent.',
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers
	});
	const streamLag = new Gauge({
		name: 'palabre_redis_stream_lag',
		help: 'Entries of a Redis stream this instance has not read yet (set by the stream readers).',
		labelNames: ['stream'] as const,
		registers
	});

	const timerSweeps = new Counter({
		name: 'palabre_timer_sweeps_total',
		help: 'Completed re-reads of the running round and poll clocks (several instances only); one that stops growing is an instance whose alarms no longer ring.',
		registers
	});

	return {
		registry,
		/** Called by the HTTP server once socket.io and /collab exist. */
		observe(counts: LiveCounts) {
			live = counts;
		},
		/** One acknowledged ballot, received at `startedAt` (performance.now()). */
		ballotAcknowledged(startedAt: number) {
			ballots.inc();
			ackSeconds.observe((performance.now() - startedAt) / 1000);
		},
		/** One sweep of the running clocks finished (src/lib/server/app.ts). */
		timerSweepDone() {
			timerSweeps.inc();
		},
		/** For the Redis stream readers: entries behind on `stream` (e.g. "collab", "socket.io"). */
		setStreamLag(stream: string, entries: number) {
			streamLag.set({ stream }, entries);
		},
		/** The Prometheus text exposition. */
		async render(): Promise<{ contentType: string; body: string }> {
			return { contentType: registry.contentType, body: await registry.metrics() };
		}
	};
}

export type Metrics = ReturnType<typeof createMetrics>;
