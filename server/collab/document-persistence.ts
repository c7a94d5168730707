// Durability of one loaded document, as a group commit: every accepted update joins the pending
// batch; the batch is written `windowMs` after its first update (never postponed by more typing),
// and a write takes EVERYTHING pending — no per-write cap, so persistence keeps up with any input
// rate (a 64-update cap once held a typing room to ~128 updates/s and lost seconds on a crash).
// Updates that arrive while a write is in flight go in the next write, as soon as it returns.
// Each write advances `durableSeq` (updates are numbered as they are added; writes are in order),
// which is what the sessions confirm to their editors. A failing store is retried with backoff,
// nothing is dropped, and the log is compacted into a snapshot every N appends or M bytes.
import * as Y from 'yjs';
import type { DocumentStore } from './document-store';
import type { CollabLogger } from './types';

export interface PersistenceOptions {
	store: DocumentStore;
	docId: string;
	/** The document's current full state, for compaction (the doc may be rebuilt, hence a getter). */
	snapshot: () => Uint8Array;
	/** How long the first update of a batch waits for company before the batch is written. */
	windowMs: number;
	compactEveryAppends: number;
	compactEveryBytes: number;
	logger: CollabLogger;
	/** Id of the last update the loaded state contains (from `store.load`). */
	loadedUpToId: number;
	/** Whether the loaded state already is one compacted snapshot. */
	loadedCompacted: boolean;
	/** Every update numbered up to `seq` is stored. */
	onDurable?: (seq: number) => void;
	/** The store failed or is slower than `slowAfterMs` (true), or answers again (false). */
	onDelayed?: (delayed: boolean) => void;
	/** A write unanswered this long counts as "delayed". Default 2 s. */
	slowAfterMs?: number;
	now?: () => number;
}

export interface DocumentPersistence {
	/** Numbers and queues one update; returns its sequence number. */
	add(update: Uint8Array): number;
	/** Resolves once everything added so far is appended; rejects if the store fails. */
	flush(): Promise<void>;
	/** Flushes, then folds the log into a snapshot if anything was appended since the last one. */
	compact(): Promise<void>;
	/** Something added and not yet durable (or a write in flight). */
	isPending(): boolean;
	/** Updates not yet durable, including the batch in flight (to rebuild a document). */
	notDurable(): Uint8Array[];
	/** Sequence number of the last update added / made durable. */
	addedSeq(): number;
	durableSeq(): number;
	/** Bytes of updates not yet durable (the backlog the registry bounds). */
	backlogBytes(): number;
	/** When the oldest update not yet durable was added (null when everything is stored). */
	oldestPendingAt(): number | null;
	isDelayed(): boolean;
	dispose(): void;
	stats(): { appends: number; compactions: number; failures: number };
}

const MAX_RETRY_MS = 1_000;
/** Y.mergeUpdates grows superlinearly with the number of updates: merge in chunks, then once. */
const MERGE_CHUNK = 64;

export function createDocumentPersistence(options: PersistenceOptions): DocumentPersistence {
	const { store, docId, logger } = options;
	const now = options.now ?? Date.now;
	const slowAfterMs = options.slowAfterMs ?? 2_000;
	let pending: Uint8Array[] = [];
	let pendingBytes = 0;
	let inflight: Uint8Array[] = [];
	let inflightBytes = 0;
	/** When the oldest update of `pending` / of `inflight` was added. */
	let pendingSince: number | null = null;
	let inflightSince: number | null = null;
	/** Delay before the next write once the current one returns (0, or the retry backoff). */
	let nextDelay = 0;
	let added = 0;
	let durable = 0;
	let saving: Promise<void> | null = null;
	let compacting: Promise<void> | null = null;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let slowTimer: ReturnType<typeof setTimeout> | null = null;
	let retryMs = Math.max(options.windowMs, 50);
	let delayed = false;
	let lastAppendedId = options.loadedUpToId;
	let compactedUpTo = options.loadedCompacted ? options.loadedUpToId : -1;
	let appendsSince = 0;
	let bytesSince = 0;
	let disposed = false;
	const counters = { appends: 0, compactions: 0, failures: 0 };

	const setDelayed = (value: boolean) => {
		if (delayed === value) return;
		delayed = value;
		options.onDelayed?.(value);
	};

	const schedule = (delay: number) => {
		if (timer || saving || disposed) return;
		timer = setTimeout(() => {
			timer = null;
			save().catch(() => {
				// logged, and the retry is scheduled, in write()
			});
		}, delay);
		timer.unref?.();
	};

	/** Starts a write of everything pending (or returns the one in flight). */
	const save = (): Promise<void> => {
		if (saving) return saving;
		if (timer) {
			clearTimeout(timer);
			timer = null;
		}
		if (pending.length === 0) return Promise.resolve();
		saving = write().finally(() => {
			saving = null;
			if (pending.length > 0) schedule(nextDelay);
		});
		return saving;
	};

	async function write(): Promise<void> {
		inflight = pending;
		inflightBytes = pendingBytes;
		inflightSince = pendingSince;
		pending = [];
		pendingBytes = 0;
		pendingSince = null;
		const upTo = added;
		slowTimer = setTimeout(() => setDelayed(true), slowAfterMs);
		slowTimer.unref?.();
		let merged: Uint8Array;
		try {
			merged = mergeAll(inflight);
			lastAppendedId = await store.appendUpdate(docId, merged);
		} catch (error) {
			clearTimeout(slowTimer);
			counters.failures++;
			// Back first in line: order does not matter to Yjs, but nothing may be dropped.
			pending = inflight.concat(pending);
			pendingBytes += inflightBytes;
			pendingSince = inflightSince;
			inflight = [];
			inflightBytes = 0;
			inflightSince = null;
			setDelayed(true);
			logger.error('collab_store_append_failed', { docId, error: String(error) });
			nextDelay = retryMs;
			retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
			throw error;
		}
		clearTimeout(slowTimer);
		inflight = [];
		inflightBytes = 0;
		inflightSince = null;
		durable = upTo;
		// What arrived during the write has waited at least one write already: go at once.
		nextDelay = 0;
		retryMs = Math.max(options.windowMs, 50);
		setDelayed(false);
		counters.appends++;
		appendsSince++;
		bytesSince += merged.length;
		options.onDurable?.(durable);
		if (appendsSince >= options.compactEveryAppends || bytesSince >= options.compactEveryBytes) {
			compact().catch(() => {
				// logged in compact; the next threshold or the unload tries again
			});
		}
	}

	async function flush(): Promise<void> {
		const target = added;
		while (durable < target) await save();
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
			pending.push(update);
			pendingBytes += update.length;
			pendingSince ??= now();
			added++;
			schedule(options.windowMs);
			return added;
		},
		flush,
		compact,
		isPending: () => pending.length > 0 || saving !== null || compacting !== null,
		notDurable: () => inflight.concat(pending),
		addedSeq: () => added,
		durableSeq: () => durable,
		backlogBytes: () => pendingBytes + inflightBytes,
		oldestPendingAt: () => inflightSince ?? pendingSince,
		isDelayed: () => delayed,
		dispose() {
			disposed = true;
			if (timer) clearTimeout(timer);
			if (slowTimer) clearTimeout(slowTimer);
			timer = null;
		},
		stats: () => ({ ...counters })
	};
}

/** One update from many: linear in their number (chunks), where one big merge is superlinear. */
export function mergeAll(updates: Uint8Array[]): Uint8Array {
	if (updates.length === 1) return updates[0];
	let level = updates;
	while (level.length > 1) {
		const next: Uint8Array[] = [];
		for (let i = 0; i < level.length; i += MERGE_CHUNK) {
			const chunk = level.slice(i, i + MERGE_CHUNK);
			next.push(chunk.length === 1 ? chunk[0] : Y.mergeUpdates(chunk));
		}
		level = next;
	}
	return level[0];
}

/**
 * Builds the document from its snapshot and log (plus `extra` updates not yet durable), in one
 * transaction. Not Y.mergeUpdates: it grows superlinearly (18,000 small updates: 4.7 s to merge,
 * 0.3 s to apply in one transaction).
 */
export async function loadYDoc(store: DocumentStore, docId: string, extra: Uint8Array[] = []) {
	const stored = await store.load(docId);
	const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates, ...extra];
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const part of parts) Y.applyUpdate(doc, part);
	});
	return { doc, stored };
}
