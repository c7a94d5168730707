// Contracts between the /collab transport, the document registry and the composition root. The
// registry knows nothing about HTTP, sessions or SvelteKit: access arrives as an `authorize`
// function (upgrade time) and a `canWrite` function (every update).
import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { CloseSpec } from './close-codes';
import type { DenyReason, RefusalReason } from './protocol';

export type { DenyReason, RefusalReason };

import type { DocumentRelay } from './document-stream';

export interface CollabPrincipal {
	userId: string;
	/** Shown on carets and in the member list; the server stamps it into awareness states. */
	displayName: string;
	color?: string;
}

/**
 * `true` = may write. `false` = read-only (reason `read_only`). A DenyReason = read-only for that
 * reason (e.g. `'locked'`). Compared with `=== true` only: a reason string is never "truthy yes".
 */
export type WriteAccess = boolean | DenyReason;

export interface CollabGrant {
	ok: true;
	principal: CollabPrincipal;
	/** Called on EVERY update message (roles and locks change): keep it cheap or cached. */
	canWrite: () => WriteAccess | Promise<WriteAccess>;
	/** Told when a write from this connection was dropped (audit, metrics). */
	onDenied?: (reason: DenyReason | RefusalReason) => void;
	/**
	 * Judges one update against the live document before it is applied (after canWrite said
	 * yes): a reason drops it. Synchronous, so nothing lands in the document between the check
	 * and the apply. Used for idea walls, where participants may only touch their own cards.
	 */
	checkUpdate?: (doc: Y.Doc, update: Uint8Array) => RefusalReason | null;
	/** Told after each update from this connection changed the document (who wrote): keep it cheap. */
	onAccepted?: () => void;
	/**
	 * The document's size cap in bytes (its kind's default, or what the facilitator raised it to):
	 * an update that would take the document over it closes the connection (4413
	 * `document_too_large`). Read on every update: keep it cheap. None = no cap.
	 */
	maxDocumentBytes?: () => number;
	/**
	 * Called once the WebSocket is open, with a function that closes it; returns what to run
	 * when it closes. Lets the session layer end the connection when its session ends.
	 */
	onOpen?: (close: (spec: CloseSpec) => void) => () => void;
}

export type AuthorizeResult =
	| CollabGrant
	| { ok: false; status: 401 | 403 | 404 }
	/**
	 * A refusal the page must understand (an outdated protocol): a browser cannot read the HTTP
	 * status of a failed upgrade, so the socket is opened and closed at once with this code.
	 */
	| { ok: false; close: { code: number; reason: string } };

/** Runs inside the HTTP upgrade, before any WebSocket exists. `documentId` is a lower-case UUID. */
export type Authorize = (req: IncomingMessage, documentId: string) => Promise<AuthorizeResult>;

export interface CollabLogger {
	warn(event: string, data?: Record<string, unknown>): void;
	error(event: string, data?: Record<string, unknown>): void;
}

/** The transport as the registry sees it: a `ws` socket in production, anything in tests. */
export interface CollabSocket {
	send(data: Uint8Array): void;
	close(code: number, reason: string): void;
	isOpen(): boolean;
	/** Bytes queued but not yet written to the network (backpressure). */
	bufferedAmount(): number;
}

export interface RegistryOptions {
	maxUpdateBytes: number;
	/** Awareness payloads above this close the connection (4413). Default 64 KiB. */
	maxAwarenessBytes?: number;
	/**
	 * Group-commit window: how long the first accepted update of a batch waits for company before
	 * the whole batch is appended (never postponed by more typing). Default 100 ms.
	 */
	flushDelayMs?: number;
	/**
	 * Bytes accepted into one document and not yet stored (database slow or away) beyond which
	 * writes are refused with 1013 `storage_backlog`. Default 8 MiB. (An empty backlog still takes
	 * one update, so memory stays under this plus `maxUpdateBytes`.)
	 */
	maxBacklogBytes?: number;
	/** Sustained bytes per second per connection before 4429 `byte_rate_limited`. Default 256 KiB. */
	bytesPerSecond?: number;
	/** Burst allowance of that byte rate. Default 2 MiB (at least twice the largest update). */
	byteBurst?: number;
	/** Compact the log into a snapshot after this many appends… Default 200. */
	compactEveryAppends?: number;
	/** …or this many appended bytes. Default 512 KiB. */
	compactEveryBytes?: number;
	/** A document with no connection is unloaded after this delay. Default 30 s. */
	idleUnloadMs?: number;
	/** Minimum interval between two awareness updates of one connection. Default 200 ms (5/s). */
	awarenessIntervalMs?: number;
	/** Awareness changes of a document are fanned out together at most this often. Default 100 ms. */
	awarenessFanoutMs?: number;
	/**
	 * Minimum spacing between two fan-outs of one document (updates in between are merged).
	 * Default 0: the spacing adapts to the cost of the previous fan-out (see document-registry).
	 */
	fanoutIntervalMs?: number;
	/** Sustained messages per second per connection before 4429. Default 100, bursts of 500. */
	messagesPerSecond?: number;
	messageBurst?: number;
	/** A connection whose send buffer exceeds this is closed (1013) instead of buffering. Default 16 MiB. */
	maxBufferedBytes?: number;
	logger?: CollabLogger;
	now?: () => number;
	/**
	 * Other instances' writes (REDIS_URL): what this instance accepts is published on the
	 * document's stream, what the others accepted is applied here (document-stream.ts).
	 */
	relay?: DocumentRelay;
}

/** The part of the registry the composition root and the documents service use. */
export interface CollabRegistry {
	/** The live document (loaded if needed). Do not keep it: it is destroyed when unloaded. */
	getDoc(docId: string): Promise<Y.Doc>;
	/** Applies a Yjs update as the server: persisted and sent to every client, locks ignored. */
	applyServerUpdate(docId: string, update: Uint8Array): Promise<void>;
	/** Same, as a function of the document (runs in one transaction). */
	editDoc(docId: string, edit: (doc: Y.Doc) => void): Promise<void>;
	/** Instant read-only for every connection (e.g. 'locked'); null lifts it. Not durable. */
	setReadOnly(docId: string, reason: DenyReason | null): void;
	/** Re-runs every connection's canWrite and tells clients whose access changed. */
	notifyAccessChanged(docId: string): Promise<void>;
	/** Disconnects everyone (default 4404), then persists, compacts and unloads the document. */
	closeDocument(docId: string, close?: CloseSpec): Promise<void>;
	/**
	 * Disconnects a user (default 4401, e.g. on logout; 4403 when removed from a workshop),
	 * everywhere or from one document; returns how many connections were closed.
	 */
	disconnectUser(userId: string, close?: CloseSpec, docId?: string): number;
	/** Appends every accepted update not yet durable (one document or all). */
	flush(docId?: string): Promise<void>;
	isLoaded(docId: string): boolean;
	/** Where a loaded document's persistence stands (null when not loaded). */
	durability(docId: string): DocumentDurability | null;
	stats(): RegistryStats;
}

export interface DocumentDurability {
	/** Accepted updates so far / how many of them are stored (sequence numbers). */
	addedSeq: number;
	durableSeq: number;
	/** When the oldest update not yet stored was accepted (null: everything is stored). */
	oldestPendingAt: number | null;
	backlogBytes: number;
	/** Storage failing or slower than 2 s: editors are told their edits are not confirmed. */
	delayed: boolean;
	sizeBytes: number;
}

export interface RegistryStats {
	documents: number;
	connections: number;
	/** Updates accepted into documents (clients and server). */
	updatesIn: number;
	/** Messages handed to sockets by fan-out (updates and awareness). */
	fanoutMessages: number;
	/** Fan-outs that merged several updates into one message. */
	mergedBatches: number;
	/** Documents rebuilt from their log after Yjs failed half-way through an update. */
	rebuilds: number;
}
