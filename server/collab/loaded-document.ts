// One document in memory: its Y.Doc (loaded from snapshot + log), how updates get in (all or
// nothing: a Yjs failure half-way rebuilds the doc from its log), and its durability. The
// registry decides when it lives and dies; the broadcast decides who hears about it.
import * as Y from 'yjs';
import {
	createDocumentPersistence,
	loadYDoc,
	type DocumentPersistence
} from './document-persistence';
import type { DocumentStore } from './document-store';
import { encodeSyncStep2 } from './protocol';
import type { CollabLogger } from './types';

/** A history this long is folded into a snapshot right after it is loaded. */
const COMPACT_ON_LOAD_UPDATES = 32;

export interface LoadedDocumentOptions {
	id: string;
	store: DocumentStore;
	logger: CollabLogger;
	flushDelayMs: number;
	compactEveryAppends: number;
	compactEveryBytes: number;
	/** Every accepted update, once, with its origin (a session or the server). */
	onAccepted(update: Uint8Array, origin: unknown): void;
	onRebuild(): void;
	/** Every update up to this sequence number (see `addedSeq`) is stored. */
	onDurable(seq: number): void;
	/** Storage started or stopped lagging (failures, or a write slower than 2 s). */
	onDelayed(delayed: boolean): void;
}

export interface LoadedDocument {
	readonly id: string;
	/** The live Y.Doc; replaced on rebuild, destroyed on dispose. */
	doc(): Y.Doc;
	/** Non-null while loading or rebuilding: wait before touching the document. */
	ready(): Promise<void> | null;
	/** Runs a write; false if Yjs failed (nothing kept, a rebuild started). */
	apply(write: (doc: Y.Doc) => void, origin: unknown): boolean;
	/** 'gap': applied, but its structs wait for something we never received. */
	/** `unchanged`: valid but nothing new (e.g. a reader's delete set sent again on reconnect). */
	applyClientUpdate(
		update: Uint8Array,
		origin: unknown
	): 'applied' | 'unchanged' | 'gap' | 'failed';
	stateVector(): Uint8Array;
	/** The sync step 2 message for a client with this state vector. */
	syncStep2(stateVector: Uint8Array): Uint8Array;
	flush(): Promise<void>;
	/** Waits for the load, flushes, and folds the log into a snapshot if it grew. */
	compact(): Promise<void>;
	isPending(): boolean;
	/** Sequence number of the last accepted update; `durableSeq` of the last one stored. */
	addedSeq(): number;
	durableSeq(): number;
	/** Bytes accepted and not yet stored. */
	backlogBytes(): number;
	oldestPendingAt(): number | null;
	storageDelayed(): boolean;
	/**
	 * Size of the document's encoded state, kept as an upper bound without re-encoding on every
	 * update: exact after load and after each compaction, plus every accepted update's bytes.
	 */
	sizeBytes(): number;
	/** Whether Yjs holds structs it cannot integrate yet (they are not stored until it can). */
	hasPendingStructs(): boolean;
	dispose(): void;
}

export function openLoadedDocument(options: LoadedDocumentOptions): LoadedDocument {
	const { id, store, logger } = options;
	let doc = new Y.Doc();
	let persistence: DocumentPersistence | null = null;
	let ready: Promise<void> | null = null;
	let staged: Uint8Array[] | null = null;
	let fullState: Uint8Array | null = null;
	/** Changes that reached the document (Yjs emits no update when nothing changed). */
	let acceptedCount = 0;
	let size = 0;

	function install(fresh: Y.Doc) {
		doc.destroy();
		doc = fresh;
		fullState = null;
		fresh.on('update', (update: Uint8Array, origin: unknown) => {
			if (staged) staged.push(update);
			else accept(update, origin);
		});
	}

	function accept(update: Uint8Array, origin: unknown) {
		acceptedCount++;
		fullState = null;
		size += update.length;
		persistence?.add(update);
		options.onAccepted(update, origin);
	}

	ready = loadYDoc(store, id).then(({ doc: loaded, stored }) => {
		install(loaded);
		size = Y.encodeStateAsUpdate(loaded).length;
		persistence = createDocumentPersistence({
			store,
			docId: id,
			snapshot: () => {
				const state = Y.encodeStateAsUpdate(doc);
				size = state.length;
				return state;
			},
			windowMs: options.flushDelayMs,
			compactEveryAppends: options.compactEveryAppends,
			compactEveryBytes: options.compactEveryBytes,
			logger,
			loadedUpToId: stored.lastUpdateId,
			loadedCompacted: stored.updates.length === 0,
			onDurable: options.onDurable,
			onDelayed: options.onDelayed
		});
		if (stored.updates.length >= COMPACT_ON_LOAD_UPDATES) persistence.compact().catch(() => {});
		ready = null;
	});

	/** Yjs threw half-way through an update: rebuild from what is stored plus what is not yet. */
	function rebuild(durability: DocumentPersistence) {
		if (ready) return;
		options.onRebuild();
		ready = loadYDoc(store, id, durability.notDurable())
			.then(({ doc: fresh }) => {
				// Whatever became durable or arrived meanwhile (applying twice is harmless in Yjs).
				fresh.transact(() => durability.notDurable().forEach((u) => Y.applyUpdate(fresh, u)));
				install(fresh);
				size = Y.encodeStateAsUpdate(fresh).length;
			})
			.catch((error: unknown) => {
				logger.error('collab_rebuild_failed', { docId: id, error: String(error) });
			})
			.finally(() => {
				ready = null;
			});
	}

	const loaded: LoadedDocument = {
		id,
		doc: () => doc,
		ready: () => ready,
		apply(write, origin) {
			staged = [];
			try {
				write(doc);
			} catch (error) {
				staged = null;
				logger.warn('collab_update_failed', { docId: id, error: String(error) });
				if (persistence) rebuild(persistence);
				return false;
			}
			const kept = staged;
			staged = null;
			for (const update of kept) accept(update, origin);
			return true;
		},
		applyClientUpdate(update, origin) {
			const before = acceptedCount;
			if (!loaded.apply((d) => Y.applyUpdate(d, update, origin), origin)) return 'failed';
			if (leftPending(doc, update)) return 'gap';
			return acceptedCount === before ? 'unchanged' : 'applied';
		},
		stateVector: () => Y.encodeStateVector(doc),
		syncStep2(stateVector) {
			// A fresh client (empty state vector, "[0]") gets the cached full state: a join storm
			// costs one encoding per change, not one per client.
			if (stateVector.length === 1 && stateVector[0] === 0) {
				return (fullState ??= encodeSyncStep2(Y.encodeStateAsUpdate(doc)));
			}
			return encodeSyncStep2(Y.encodeStateAsUpdate(doc, stateVector));
		},
		flush: async () => persistence?.flush(),
		async compact() {
			while (ready) await ready;
			await persistence?.compact();
		},
		isPending: () => persistence?.isPending() ?? false,
		addedSeq: () => persistence?.addedSeq() ?? 0,
		durableSeq: () => persistence?.durableSeq() ?? 0,
		backlogBytes: () => persistence?.backlogBytes() ?? 0,
		oldestPendingAt: () => persistence?.oldestPendingAt() ?? null,
		storageDelayed: () => persistence?.isDelayed() ?? false,
		sizeBytes: () => size,
		hasPendingStructs: () => doc.store.pendingStructs !== null,
		dispose() {
			persistence?.dispose();
			doc.destroy();
		}
	};
	return loaded;
}

/** Whether structs of this very update wait for something we never received (a gap before them). */
function leftPending(doc: Y.Doc, update: Uint8Array): boolean {
	if (!doc.store.pendingStructs) return false;
	try {
		for (const [client, clock] of Y.parseUpdateMeta(update).to) {
			if (Y.getState(doc.store, client) < clock) return true;
		}
	} catch {
		// validated before it was applied; nothing to resync if it cannot be parsed again
	}
	return false;
}
