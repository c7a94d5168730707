// Fan-out of one document to its connections. Sends, not Yjs, are what saturate a core (~15 µs
// per message on the reference machine), so: updates accepted in one tick leave as one merged
// message, and under load the next fan-out waits a multiple of what the last one cost (an
// adaptive spacing, not a fixed interval); awareness changes leave together at a fixed interval.
import * as Y from 'yjs';
import type { AwarenessState } from './awareness-state';
import type { CollabSession } from './collab-session';
import { encodeAwarenessMessage, encodeSyncUpdate } from './protocol';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';

/**
 * Fan-out takes at most 1 / (1 + factor) of a core per document: 500 readers get fewer, larger
 * messages, a small room gets every update at once.
 */
const FANOUT_COST_FACTOR = 3;
/** Whatever the cost, an update never waits longer than this for the previous fan-out. */
const MAX_SPACING_MS = 50;

export interface BroadcastCounters {
	fanoutMessages: number;
	mergedBatches: number;
}

export interface BroadcastOptions {
	sessions: Set<CollabSession>;
	awareness: AwarenessState;
	/** Minimum spacing between two update fan-outs (0: adaptive only). */
	minIntervalMs: number;
	awarenessIntervalMs: number;
	counters: BroadcastCounters;
	/** Every awareness message sent to this instance's clients (other instances relay it). */
	onAwarenessSent?: (message: Uint8Array) => void;
}

export interface DocumentBroadcast {
	/** An update accepted into the document; `origin` (its author) does not get it back. */
	update(update: Uint8Array, origin: unknown): void;
	awarenessChanged(clientIds: number[]): void;
	/**
	 * Another instance's awareness message, passed on as is: carets of its clients are not held
	 * here, so a client joining here sees them at their next move (clients renew every 15 s).
	 */
	relayAwareness(message: Uint8Array): void;
	/** Every present awareness state as one message (cached until the next change). */
	awarenessSnapshot(): Uint8Array | null;
	/** Sends whatever is waiting, now. */
	flush(): void;
	dispose(): void;
}

export function createDocumentBroadcast(options: BroadcastOptions): DocumentBroadcast {
	const { sessions, awareness, counters } = options;
	let outgoing: Uint8Array[] = [];
	let origins = new Set<unknown>();
	let cancel: (() => void) | null = null;
	let lastAt = -Infinity;
	let lastCost = 0;
	const awarenessDirty = new Set<number>();
	// One key: the throttle is this document's own.
	const awarenessFanout = createKeyedThrottle<'awareness'>({
		intervalMs: options.awarenessIntervalMs,
		clock: systemClock,
		leading: false,
		run: () => sendAwareness()
	});
	let awarenessCache: Uint8Array | null = null;

	function schedule() {
		if (cancel) return;
		const spacing = Math.max(
			options.minIntervalMs,
			Math.min(MAX_SPACING_MS, FANOUT_COST_FACTOR * lastCost)
		);
		const wait = lastAt + spacing - performance.now();
		if (wait <= 0) {
			const immediate = setImmediate(sendUpdates);
			cancel = () => clearImmediate(immediate);
		} else {
			const timer = setTimeout(sendUpdates, wait);
			cancel = () => clearTimeout(timer);
		}
	}

	function sendUpdates() {
		cancel?.();
		cancel = null;
		if (outgoing.length === 0) return;
		const updates = outgoing;
		const authors = origins;
		outgoing = [];
		origins = new Set();
		const startedAt = performance.now();
		const cpuBefore = process.cpuUsage();
		if (updates.length > 1) counters.mergedBatches++;
		// A lone author does not need its own edit back; with several, each gets the whole batch
		// (Yjs ignores what it already has) rather than one merge per author.
		const skip = authors.size === 1 ? authors.values().next().value : undefined;
		for (const merged of mergeInChunks(updates)) {
			const message = encodeSyncUpdate(merged);
			for (const session of sessions) {
				if (session === skip) continue;
				session.send(message);
				counters.fanoutMessages++;
			}
		}
		lastAt = performance.now();
		// The smaller of wall time (inflated when the OS preempts us) and process CPU time
		// (inflated by GC threads running alongside) is the better estimate of what it cost.
		const cpu = process.cpuUsage(cpuBefore);
		lastCost = Math.min(lastAt - startedAt, (cpu.user + cpu.system) / 1000);
	}

	function sendAwareness() {
		awarenessFanout.cancel('awareness');
		if (awarenessDirty.size === 0) return;
		const message = encodeAwarenessMessage(awareness.encode(awarenessDirty));
		awarenessDirty.clear();
		for (const session of sessions) session.send(message);
		counters.fanoutMessages += sessions.size;
		options.onAwarenessSent?.(message);
	}

	return {
		update(update, origin) {
			outgoing.push(update);
			origins.add(origin);
			schedule();
		},
		awarenessChanged(clientIds) {
			if (clientIds.length === 0) return;
			for (const clientId of clientIds) awarenessDirty.add(clientId);
			awarenessCache = null;
			awarenessFanout.call('awareness');
		},
		relayAwareness(message) {
			for (const session of sessions) session.send(message);
			counters.fanoutMessages += sessions.size;
		},
		awarenessSnapshot() {
			if (awareness.size() === 0) return null;
			return (awarenessCache ??= encodeAwarenessMessage(awareness.encodeAll()));
		},
		flush() {
			sendUpdates();
			sendAwareness();
		},
		dispose() {
			cancel?.();
			cancel = null;
			awarenessFanout.dispose();
			outgoing = [];
		}
	};
}

/** Y.mergeUpdates is cheap for a few dozen updates and superlinear beyond: merge in chunks. */
export function mergeInChunks(updates: Uint8Array[], size = 64): Uint8Array[] {
	if (updates.length === 1) return updates;
	const out: Uint8Array[] = [];
	for (let i = 0; i < updates.length; i += size) {
		const chunk = updates.slice(i, i + size);
		out.push(chunk.length === 1 ? chunk[0] : Y.mergeUpdates(chunk));
	}
	return out;
}
