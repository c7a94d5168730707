// Every loaded co-edited document, hocuspocus-style: load on first use (snapshot + log), apply and
// persist accepted updates, fan them out (document-broadcast), compact, and unload when idle —
// never while a write is pending. Joins are served from the in-memory Y.Doc; the log is read
// only on load. Knows nothing of the transport: sessions talk to a CollabSocket.
import { SERVER_ORIGIN } from '../../src/lib/server/server-origin';
import * as Y from 'yjs';
import { createAwarenessState, type AwarenessState } from './awareness-state';
import { CLOSE, type CloseSpec } from './close-codes';
import { createSession, type CollabSession, type DocumentHandle } from './collab-session';
import {
	createDocumentBroadcast,
	mergeInChunks,
	type DocumentBroadcast
} from './document-broadcast';
import type { DocumentStore } from './document-store';
import { openLoadedDocument, type LoadedDocument } from './loaded-document';
import type {
	CollabGrant,
	CollabRegistry,
	CollabSocket,
	DenyReason,
	RegistryOptions
} from './types';
import { createCollabLogger } from './collab-logger';

export type { CollabRegistry, RegistryStats } from './types';

/** Origin of writes made by the server itself (restore a version, turn an idea into an article). */
export { SERVER_ORIGIN };

/**
 * Origin of updates another instance accepted (read from the document's stream): fanned out to
 * this instance's clients and stored like any other, never published again.
 */
export const REMOTE_ORIGIN = Symbol('remote instance');

export interface DocumentRegistry extends CollabRegistry {
	connect(docId: string, socket: CollabSocket, grant: CollabGrant): CollabSession;
	/** Disconnects every client (1001), then persists, compacts and unloads every document. */
	close(): Promise<void>;
}

interface Entry {
	id: string;
	document: LoadedDocument;
	sessions: Set<CollabSession>;
	/** Sessions waiting for the load: they count as "not idle". */
	joining: number;
	awareness: AwarenessState;
	broadcast: DocumentBroadcast;
	readOnly: DenyReason | null;
	unloadTimer: ReturnType<typeof setTimeout> | null;
	unloading: boolean;
	/** Stops reading the document's stream (other instances' writes); null on one instance. */
	leaveRelay: (() => void) | null;
	/** Remote updates wait for the load (or a rebuild), in the order they were read. */
	remote: Promise<void>;
}

const SWEEP_MS = 5_000;

export function createDocumentRegistry(
	store: DocumentStore,
	options: RegistryOptions
): DocumentRegistry {
	const logger = options.logger ?? createCollabLogger();
	const now = options.now ?? Date.now;
	const limits = {
		maxUpdateBytes: options.maxUpdateBytes,
		maxAwarenessBytes: options.maxAwarenessBytes ?? 64 * 1024,
		awarenessIntervalMs: options.awarenessIntervalMs ?? 200,
		messagesPerSecond: options.messagesPerSecond ?? 100,
		messageBurst: options.messageBurst ?? 500,
		bytesPerSecond: options.bytesPerSecond ?? 256 * 1024,
		byteBurst: options.byteBurst ?? Math.max(2 * 1024 * 1024, 2 * options.maxUpdateBytes + 1024),
		maxBufferedBytes: options.maxBufferedBytes ?? 16 * 1024 * 1024
	};
	const maxBacklogBytes = options.maxBacklogBytes ?? 8 * 1024 * 1024;
	const relay = options.relay;
	const idleUnloadMs = options.idleUnloadMs ?? 30_000;
	const entries = new Map<string, Entry>();
	const counters = { updatesIn: 0, fanoutMessages: 0, mergedBatches: 0, rebuilds: 0 };
	let nextSessionId = 1;
	/** Every session, joined or still waiting for its document (for disconnectUser). */
	const allSessions = new Set<CollabSession>();
	const sessionDocs = new WeakMap<CollabSession, string>();
	let closing = false;

	const sweep = setInterval(() => {
		for (const entry of entries.values())
			entry.broadcast.awarenessChanged(entry.awareness.sweep(now()));
	}, SWEEP_MS);
	sweep.unref?.();

	function open(docId: string): Entry {
		const existing = entries.get(docId);
		if (existing) {
			if (existing.unloadTimer) clearTimeout(existing.unloadTimer);
			existing.unloadTimer = null;
			return existing;
		}
		const sessions = new Set<CollabSession>();
		const awareness = createAwarenessState();
		const broadcast = createDocumentBroadcast({
			sessions,
			awareness,
			counters,
			minIntervalMs: options.fanoutIntervalMs ?? 0,
			awarenessIntervalMs: options.awarenessFanoutMs ?? 100,
			onAwarenessSent: relay ? (message) => relay.publishAwareness(docId, message) : undefined
		});
		const document = openLoadedDocument({
			id: docId,
			store,
			logger,
			flushDelayMs: options.flushDelayMs ?? 100,
			compactEveryAppends: options.compactEveryAppends ?? 200,
			compactEveryBytes: options.compactEveryBytes ?? 512 * 1024,
			onAccepted(update, origin) {
				counters.updatesIn++;
				broadcast.update(update, origin);
				// Accepted here (a client past its guards, or the server): the others apply it too.
				if (relay && origin !== REMOTE_ORIGIN) relay.publishUpdate(docId, update);
			},
			onRebuild: () => counters.rebuilds++,
			onDurable(seq) {
				for (const session of sessions) session.durable(seq);
			},
			onDelayed(delayed) {
				if (delayed) logger.warn('collab_storage_delayed', { docId });
				for (const session of sessions) session.storageChanged(delayed);
			}
		});
		const entry: Entry = {
			id: docId,
			document,
			sessions,
			joining: 0,
			awareness,
			broadcast,
			readOnly: null,
			unloadTimer: null,
			unloading: false,
			leaveRelay: null,
			remote: Promise.resolve()
		};
		entries.set(docId, entry);
		if (relay) {
			entry.leaveRelay = relay.join(docId, {
				update: (update) => applyRemote(entry, (doc) => Y.applyUpdate(doc, update, REMOTE_ORIGIN)),
				awareness: (message) => broadcast.relayAwareness(message),
				resync: () => resyncFromStore(entry)
			});
		}
		document.ready()?.catch((error: unknown) => {
			// Waiting sessions and callers see the failure too; the next open tries again.
			logger.error('collab_load_failed', { docId, error: String(error) });
			if (entries.get(docId) === entry) destroy(entry);
		});
		return entry;
	}

	/** Another instance's write, once the document is loaded; Yjs ignores what it already has. */
	function applyRemote(entry: Entry, write: (doc: Y.Doc) => void) {
		entry.remote = entry.remote.then(async () => {
			for (let wait = entry.document.ready(); wait; wait = entry.document.ready()) {
				await wait.catch(() => undefined);
			}
			if (entries.get(entry.id) !== entry) return;
			entry.document.apply(write, REMOTE_ORIGIN);
		});
	}

	/** Redis came back: whatever the others stored while their stream entries were lost. */
	function resyncFromStore(entry: Entry) {
		store
			.load(entry.id)
			.then(({ snapshot, updates }) => {
				const all = snapshot ? [snapshot, ...updates] : updates;
				if (all.length === 0) return;
				const merged = mergeInChunks(all);
				applyRemote(entry, (doc) =>
					doc.transact(() => merged.forEach((u) => Y.applyUpdate(doc, u)), REMOTE_ORIGIN)
				);
			})
			.catch((error: unknown) =>
				logger.warn('collab_resync_failed', { docId: entry.id, error: String(error) })
			);
	}

	function handleFor(entry: Entry): DocumentHandle {
		return {
			docId: entry.id,
			ready: () => entry.document.ready(),
			readOnly: () => entry.readOnly,
			join(session) {
				entry.joining--;
				entry.sessions.add(session);
			},
			leave(session) {
				allSessions.delete(session);
				if (entry.sessions.delete(session)) {
					entry.broadcast.awarenessChanged(entry.awareness.removeOwner(session));
				} else {
					entry.joining--;
				}
				scheduleUnload(entry);
			},
			stateVector: () => entry.document.stateVector(),
			syncStep2: (stateVector) => entry.document.syncStep2(stateVector),
			applyUpdate: (update, session) => entry.document.applyClientUpdate(update, session),
			applyAwareness(list, session) {
				const identity = { name: session.principal.displayName, color: session.principal.color };
				entry.broadcast.awarenessChanged(entry.awareness.apply(list, session, identity, now()));
			},
			awarenessSnapshot: () => entry.broadcast.awarenessSnapshot(),
			doc: () => entry.document.doc(),
			addedSeq: () => entry.document.addedSeq(),
			durableSeq: () => entry.document.durableSeq(),
			// An empty backlog takes any one update (≤ maxUpdateBytes): a client resending more than
			// the cap after an outage is not locked out for good.
			backlogFull(bytes) {
				const backlog = entry.document.backlogBytes();
				return backlog > 0 && backlog + bytes > maxBacklogBytes;
			},
			sizeBytes: () => entry.document.sizeBytes(),
			hasPendingStructs: () => entry.document.hasPendingStructs(),
			storageDelayed: () => entry.document.storageDelayed()
		};
	}

	const idle = (entry: Entry) => entry.sessions.size === 0 && entry.joining === 0;

	function scheduleUnload(entry: Entry) {
		if (closing || !idle(entry) || entry.unloadTimer) return;
		entry.unloadTimer = setTimeout(() => {
			entry.unloadTimer = null;
			void unload(entry);
		}, idleUnloadMs);
		entry.unloadTimer.unref?.();
	}

	async function unload(entry: Entry) {
		if (!idle(entry) || entry.unloading || entries.get(entry.id) !== entry) return;
		entry.unloading = true;
		try {
			await entry.document.compact();
		} catch {
			// logged by the persistence; keep the document and try again later
		}
		entry.unloading = false;
		// Someone joined, or something was written, while we were saving: the document stays.
		if (!idle(entry) || entry.document.isPending()) return scheduleUnload(entry);
		destroy(entry);
	}

	function destroy(entry: Entry) {
		if (entries.get(entry.id) === entry) entries.delete(entry.id);
		entry.leaveRelay?.();
		if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
		entry.broadcast.dispose();
		entry.document.dispose();
	}

	async function ready(docId: string): Promise<Entry> {
		const entry = open(docId);
		for (let wait = entry.document.ready(); wait; wait = entry.document.ready()) await wait;
		scheduleUnload(entry);
		return entry;
	}

	async function shutDown(entry: Entry, close: CloseSpec) {
		entry.broadcast.flush();
		for (const session of Array.from(entry.sessions)) session.close(close);
		try {
			await entry.document.compact();
		} finally {
			destroy(entry);
		}
	}

	async function serverWrite(docId: string, write: (doc: Y.Doc) => void, failure: string) {
		const entry = await ready(docId);
		if (!entry.document.apply(write, SERVER_ORIGIN)) throw new Error(failure);
	}

	return {
		connect(docId, socket, grant) {
			const entry = open(docId);
			entry.joining++;
			const id = nextSessionId++;
			const session = createSession({
				id,
				handle: handleFor(entry),
				socket,
				grant,
				limits,
				logger,
				now
			});
			if (!session.isClosed()) allSessions.add(session);
			sessionDocs.set(session, docId);
			return session;
		},
		getDoc: async (docId) => (await ready(docId)).document.doc(),
		applyServerUpdate: (docId, update) =>
			serverWrite(
				docId,
				(doc) => Y.applyUpdate(doc, update, SERVER_ORIGIN),
				'collab_invalid_update'
			),
		editDoc: (docId, edit) =>
			serverWrite(
				docId,
				(doc) => doc.transact(() => edit(doc), SERVER_ORIGIN),
				'collab_edit_failed'
			),
		setReadOnly(docId, reason) {
			const entry = entries.get(docId);
			if (!entry) return;
			entry.readOnly = reason;
			for (const session of entry.sessions) void session.refreshAccess();
		},
		async notifyAccessChanged(docId) {
			const entry = entries.get(docId);
			if (entry) await Promise.all(Array.from(entry.sessions, (s) => s.refreshAccess()));
		},
		async closeDocument(docId, close = CLOSE.unknownDocument) {
			const entry = entries.get(docId);
			if (entry) await shutDown(entry, close);
		},
		disconnectUser(userId, close = CLOSE.unauthorized, docId) {
			let count = 0;
			for (const session of Array.from(allSessions)) {
				if (session.principal.userId !== userId) continue;
				if (docId !== undefined && sessionDocs.get(session) !== docId) continue;
				session.close(close);
				count++;
			}
			return count;
		},
		async flush(docId) {
			const targets = docId ? [entries.get(docId)] : Array.from(entries.values());
			await Promise.all(targets.map((entry) => entry?.document.flush()));
		},
		isLoaded: (docId) => entries.has(docId),
		durability(docId) {
			const document = entries.get(docId)?.document;
			if (!document || document.ready()) return null;
			return {
				addedSeq: document.addedSeq(),
				durableSeq: document.durableSeq(),
				oldestPendingAt: document.oldestPendingAt(),
				backlogBytes: document.backlogBytes(),
				delayed: document.storageDelayed(),
				sizeBytes: document.sizeBytes()
			};
		},
		stats: () => ({
			documents: entries.size,
			connections: Array.from(entries.values()).reduce((n, e) => n + e.sessions.size, 0),
			...counters
		}),
		async close() {
			closing = true;
			clearInterval(sweep);
			const results = await Promise.allSettled(
				Array.from(entries.values(), (entry) => shutDown(entry, CLOSE.goingAway))
			);
			const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
			if (failed) throw failed.reason;
		}
	};
}
