// BENCHMARK ONLY. The document persistence as it was before the group commit (commit bbbb83a):
// at most 64 updates per append, one append per 500 ms window. bench/collab-durability.ts measures
// the current persistence against it on the same workload, in the same run.
import * as Y from 'yjs';
import type { DocumentStore } from '../server/collab/document-store';
import type { CollabLogger } from '../server/collab/types';

export interface PersistenceOptions {
	store: DocumentStore;
	docId: string;
	/** The document's current full state, for compaction (the doc may be rebuilt, hence a getter). */
	snapshot: () => Uint8Array;
	flushDelayMs: number;
	compactEveryAppends: number;
	compactEveryBytes: number;
	logger: CollabLogger;
	/** Id of the last update the loaded state contains (from `store.load`). */
	loadedUpToId: number;
	/** Whether the loaded state already is one compacted snapshot. */
	loadedCompacted: boolean;
}

export interface DocumentPersistence {
	add(update: Uint8Array): void;
	/** Resolves once everything added so far is appended; rejects if the store fails. */
	flush(): Promise<void>;
	/** Flushes, then folds the log into a snapshot if anything was appended since the last one. */
	compact(): Promise<void>;
	/** Something added and not yet durable (or a write in flight). */
	isPending(): boolean;
	/** Updates not yet durable, including the batch in flight (to rebuild a document). */
	notDurable(): Uint8Array[];
	dispose(): void;
	stats(): { appends: number; compactions: number; failures: number };
}

const MAX_RETRY_MS = 5_000;
const MAX_BATCH = 64;

export function createReferencePersistence(options: PersistenceOptions): DocumentPersistence {
	const { store, docId, logger } = options;
	let unsaved: Uint8Array[] = [];
	let inflight: Uint8Array[] = [];
	let saving: Promise<void> | null = null;
	let compacting: Promise<void> | null = null;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let retryMs = options.flushDelayMs;
	let lastAppendedId = options.loadedUpToId;
	let compactedUpTo = options.loadedCompacted ? options.loadedUpToId : -1;
	let appendsSince = 0;
	let bytesSince = 0;
	let disposed = false;
	const counters = { appends: 0, compactions: 0, failures: 0 };

	// Timer-driven saves take one batch at a time, so updates keep accumulating between appends
	// (one merged row per window) instead of turning into one row per event-loop turn.
	const schedule = (delay: number) => {
		if (timer || disposed) return;
		timer = setTimeout(() => {
			timer = null;
			saveOnce().then(
				() => {
					if (unsaved.length > 0) schedule(options.flushDelayMs);
				},
				() => {
					// logged, and the retry is scheduled, in saveBatch
				}
			);
		}, delay);
		timer.unref?.();
	};

	const saveOnce = (): Promise<void> => {
		if (saving) return saving;
		if (unsaved.length === 0) return Promise.resolve();
		saving = saveBatch().finally(() => {
			saving = null;
		});
		return saving;
	};

	async function saveBatch(): Promise<void> {
		// Bounded: merging cost grows superlinearly, and a store outage can pile up a backlog.
		inflight = unsaved.splice(0, MAX_BATCH);
		const merged = inflight.length === 1 ? inflight[0] : Y.mergeUpdates(inflight);
		try {
			lastAppendedId = await store.appendUpdate(docId, merged);
		} catch (error) {
			counters.failures++;
			// Keep the batch first in line: order does not matter to Yjs, but nothing may be dropped.
			unsaved = inflight.concat(unsaved);
			inflight = [];
			retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
			logger.error('collab_store_append_failed', { docId, error: String(error) });
			schedule(retryMs);
			throw error;
		}
		inflight = [];
		retryMs = options.flushDelayMs;
		counters.appends++;
		appendsSince++;
		bytesSince += merged.length;
		if (appendsSince >= options.compactEveryAppends || bytesSince >= options.compactEveryBytes) {
			compact().catch(() => {
				// logged in compact; the next threshold or the unload tries again
			});
		}
	}

	async function flush(): Promise<void> {
		if (timer) {
			clearTimeout(timer);
			timer = null;
		}
		while (saving || unsaved.length > 0) await saveOnce();
	}

	async function compact(): Promise<void> {
		await flush();
		if (compacting) return compacting;
		if (lastAppendedId <= compactedUpTo) return;
		const upTo = lastAppendedId;
		// Taken after the append of `upTo` resolved: the in-memory state contains every update up to
		// it (and maybe newer ones, which is harmless: Yjs applies an update twice as once).
		const state = options.snapshot();
		const appendsAtStart = appendsSince;
		const bytesAtStart = bytesSince;
		compacting = store
			.compact(docId, state, upTo)
			.then(
				() => {
					counters.compactions++;
					compactedUpTo = upTo;
					appendsSince -= appendsAtStart;
					bytesSince -= bytesAtStart;
				},
				(error: unknown) => {
					counters.failures++;
					logger.error('collab_store_compact_failed', { docId, error: String(error) });
					throw error;
				}
			)
			.finally(() => {
				compacting = null;
			});
		return compacting;
	}

	return {
		add(update) {
			unsaved.push(update);
			schedule(options.flushDelayMs);
		},
		flush,
		compact,
		isPending: () => unsaved.length > 0 || saving !== null || compacting !== null,
		notDurable: () => inflight.concat(unsaved),
		dispose() {
			disposed = true;
			if (timer) clearTimeout(timer);
			timer = null;
		},
		stats: () => ({ ...counters })
	};
}
