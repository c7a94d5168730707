// One WebSocket connection on one document: decodes frames, enforces the per-connection limits
// (rate, sizes, awareness throttle), re-checks write access on every update, and keeps messages in
// order while something is awaited (document load, an async canWrite). Knows nothing of `ws`.
import type * as Y from 'yjs';
import { CLOSE, type CloseSpec } from './close-codes';
import { createAwarenessThrottle, createTokenBucket } from './connection-limits';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';
import {
	decodeClientMessage,
	encodePermissionDenied,
	encodeAccessGranted,
	encodeStorageState,
	encodeStored,
	encodeSyncStep1,
	isEmptyUpdate,
	type AwarenessEntry,
	type DecodeLimits
} from './protocol';
import type {
	CollabGrant,
	CollabLogger,
	CollabPrincipal,
	CollabSocket,
	DenyReason,
	RefusalReason,
	WriteAccess
} from './types';

/** What a session needs from its document (implemented by the registry). */
export interface DocumentHandle {
	readonly docId: string;
	/** Non-null while the document loads or is being rebuilt: wait before touching it. */
	ready(): Promise<void> | null;
	/** A registry-level override (`setReadOnly`) that wins over `canWrite`. */
	readOnly(): DenyReason | null;
	join(session: CollabSession): void;
	/** Called once, whether the session joined or gave up while the document was loading. */
	leave(session: CollabSession): void;
	stateVector(): Uint8Array;
	syncStep2(stateVector: Uint8Array): Uint8Array;
	/**
	 * 'gap': applied, but the document now waits for structs it never received (e.g. the client
	 * builds on an edit that was refused while it was read-only). 'failed': Yjs could not
	 * integrate it (the document is being rebuilt from its log).
	 */
	applyUpdate(
		update: Uint8Array,
		session: CollabSession
	): 'applied' | 'unchanged' | 'gap' | 'failed';
	applyAwareness(entries: AwarenessEntry[], session: CollabSession): void;
	/** Every present awareness state as one message, or null when nobody is there. */
	awarenessSnapshot(): Uint8Array | null;
	/** The live document (loaded: called only once `ready()` is null), for `grant.checkUpdate`. */
	doc(): Y.Doc;
	/** Sequence number of the last accepted update, and of the last one stored. */
	addedSeq(): number;
	durableSeq(): number;
	/** Whether `bytes` more would overflow the document's unsaved backlog. */
	backlogFull(bytes: number): boolean;
	/** Upper bound of the document's encoded size. */
	sizeBytes(): number;
	/** Yjs holds structs it cannot integrate yet (they are neither applied nor stored). */
	hasPendingStructs(): boolean;
	storageDelayed(): boolean;
}

export interface CollabSession {
	readonly id: number;
	readonly principal: CollabPrincipal;
	receive(data: Uint8Array): void;
	send(message: Uint8Array): void;
	/** Closes the socket and leaves the document now (not when the close handshake ends). */
	close(spec: CloseSpec): void;
	/** The socket closed by itself. */
	transportClosed(): void;
	isClosed(): boolean;
	/** Re-evaluates write access and tells the client if it changed (lock, unlock, role change). */
	refreshAccess(): Promise<void>;
	/** Every update of the document up to `seq` is stored: confirm what this client sent. */
	durable(seq: number): void;
	/** Storage started or stopped lagging: tell the client its edits are (not) being confirmed. */
	storageChanged(delayed: boolean): void;
}

export interface SessionLimits extends DecodeLimits {
	awarenessIntervalMs: number;
	messagesPerSecond: number;
	messageBurst: number;
	bytesPerSecond: number;
	byteBurst: number;
	maxBufferedBytes: number;
}

export interface SessionOptions {
	id: number;
	handle: DocumentHandle;
	socket: CollabSocket;
	grant: CollabGrant;
	limits: SessionLimits;
	logger: CollabLogger;
	now: () => number;
}

/** Messages waiting behind an await; beyond this a client is flooding us. */
const MAX_BACKLOG = 1_000;
const NOTICE_INTERVAL_MS = 1_000;

type Pending = void | Promise<void>;

export function createSession(options: SessionOptions): CollabSession {
	const { handle, socket, grant, limits, logger, now } = options;
	let closed = false;
	let joined = false;
	let backlog: Uint8Array[] | null = null;
	const bucket = createTokenBucket(limits.messagesPerSecond, limits.messageBurst, now);
	const bytes = createTokenBucket(limits.bytesPerSecond, limits.byteBurst, now);
	/**
	 * Confirmations: the client's write messages are numbered as they arrive (`writes`); once one
	 * is handled, it waits in `unconfirmed` with the document's sequence number at that moment, and
	 * is confirmed when persistence has stored up to that number. A message whose structs Yjs holds
	 * back (a gap) is not stored yet: nothing is confirmed until the gap is filled.
	 */
	let writes = 0;
	let confirmed = 0;
	let heldByGap = false;
	const unconfirmed: Array<{ count: number; seq: number }> = [];
	let toldDelayed = false;
	const awareness = createAwarenessThrottle(limits.awarenessIntervalMs, now, (entries) => {
		if (!closed) handle.applyAwareness(entries, session);
	});
	/** What the client was last told: null = nothing yet (it assumes it may write). */
	let told: DenyReason | 'read_write' | null = null;
	/** Each kind of notice to the client at most once per second (`take` drops the rest). */
	const notices = createKeyedThrottle<'denied' | 'refused' | 'resync'>({
		intervalMs: NOTICE_INTERVAL_MS,
		clock: { ...systemClock, now }
	});

	const session: CollabSession = {
		id: options.id,
		principal: grant.principal,
		receive(data) {
			if (closed) return;
			if (!bucket.take()) return session.close(CLOSE.rateLimited);
			if (!bytes.take(data.length)) return session.close(CLOSE.byteRateLimited);
			if (backlog) {
				if (backlog.length >= MAX_BACKLOG) return session.close(CLOSE.rateLimited);
				backlog.push(data);
				return;
			}
			run(() => handleMessage(data));
		},
		send(message) {
			if (closed || !socket.isOpen()) return;
			// A phone on a dying link would make us buffer every update: drop it, it resyncs later.
			if (socket.bufferedAmount() > limits.maxBufferedBytes)
				return session.close(CLOSE.slowConsumer);
			socket.send(message);
		},
		close(spec) {
			if (closed) return;
			socket.close(spec.code, spec.reason);
			session.transportClosed();
		},
		transportClosed() {
			if (closed) return;
			closed = true;
			backlog = null;
			awareness.dispose();
			handle.leave(session);
		},
		isClosed: () => closed,
		async refreshAccess() {
			if (closed || !joined) return;
			let reason: DenyReason | null;
			try {
				reason = await accessReason();
			} catch (error) {
				// Never an unhandled rejection: the next update is checked again anyway.
				return logger.warn('collab_access_check_failed', {
					docId: handle.docId,
					error: String(error)
				});
			}
			if (closed) return;
			if (reason) tell(reason);
			else if (told !== null && told !== 'read_write') regained();
		},
		durable(seq) {
			if (closed) return;
			let count = 0;
			while (unconfirmed.length > 0 && unconfirmed[0].seq <= seq) {
				count = (unconfirmed.shift() as { count: number }).count;
			}
			if (count > confirmed) confirm(count);
		},
		storageChanged(delayed) {
			if (closed || !joined || toldDelayed === delayed) return;
			toldDelayed = delayed;
			session.send(encodeStorageState(delayed));
		}
	};

	function confirm(count: number) {
		confirmed = count;
		session.send(encodeStored(count));
	}

	/** A write message was handled (applied, refused or redundant): confirm it once stored. */
	function settled(count: number) {
		if (closed) return;
		if (heldByGap) {
			if (handle.hasPendingStructs()) return;
			heldByGap = false;
		}
		const seq = handle.addedSeq();
		if (seq <= handle.durableSeq() && unconfirmed.length === 0) return confirm(count);
		// Messages that added nothing share the entry of the last one: while storage is away the
		// list grows with the (bounded) backlog, not with the number of messages.
		const last = unconfirmed.at(-1);
		if (last && last.seq === seq) last.count = count;
		else unconfirmed.push({ count, seq });
	}

	/** Runs a step; if it has to wait, later messages queue behind it so that order is kept. */
	function run(step: () => Pending) {
		let pending: Pending;
		try {
			pending = step();
		} catch (error) {
			return fault(error);
		}
		if (!pending) return;
		backlog ??= [];
		pending.then(drain, fault);
	}

	async function drain() {
		while (!closed && backlog && backlog.length > 0) {
			const next = backlog.shift() as Uint8Array;
			try {
				await handleMessage(next);
			} catch (error) {
				return fault(error);
			}
		}
		backlog = null;
	}

	function fault(error: unknown) {
		logger.error('collab_session_error', { docId: handle.docId, error: String(error) });
		session.close(CLOSE.internalError);
	}

	async function start() {
		const loading = handle.ready();
		if (loading) await loading;
		if (closed) return;
		joined = true;
		handle.join(session);
		session.send(encodeSyncStep1(handle.stateVector()));
		if (handle.storageDelayed()) session.storageChanged(true);
		const awareness = handle.awarenessSnapshot();
		if (awareness) session.send(awareness);
		// Tell a read-only client at once, so its editor does not let anyone type.
		const reason = await accessReason();
		if (!closed && reason) tell(reason);
	}

	function handleMessage(data: Uint8Array): Pending {
		if (closed) return;
		const waiting = handle.ready();
		if (waiting) return waiting.then(() => handleMessage(data));
		const decoded = decodeClientMessage(data, limits);
		if (!decoded.ok) {
			logger.warn('collab_message_rejected', { docId: handle.docId, error: decoded.error });
			return session.close(
				decoded.error === 'too_large' ? CLOSE.updateTooLarge : CLOSE.malformedMessage
			);
		}
		const message = decoded.message;
		switch (message.type) {
			case 'sync-step1':
				return session.send(handle.syncStep2(message.stateVector));
			case 'sync-step2':
			case 'sync-update': {
				const count = ++writes;
				const pending = write(message.update);
				if (!pending) return settled(count);
				return pending.then(() => settled(count));
			}
			case 'awareness':
				return awareness.push(message.entries);
			case 'query-awareness': {
				const snapshot = handle.awarenessSnapshot();
				if (snapshot) session.send(snapshot);
			}
		}
	}

	function write(update: Uint8Array): Pending {
		// A read-only client answers the server's sync step 1 with an empty update: nothing to refuse.
		if (isEmptyUpdate(update)) return;
		const override = handle.readOnly();
		if (override) return deny(override);
		const access = grant.canWrite();
		if (access instanceof Promise) {
			return access.then((resolved) => {
				if (closed) return;
				return commit(update, resolved);
			});
		}
		return commit(update, access);
	}

	function commit(update: Uint8Array, access: WriteAccess): Pending {
		const waiting = handle.ready();
		if (waiting) return waiting.then(() => (closed ? undefined : commit(update, access)));
		// Checked again: the document may have been locked while canWrite was awaited.
		const reason = handle.readOnly() ?? toReason(access);
		if (reason) return deny(reason);
		const refusal = grant.checkUpdate?.(handle.doc(), update) ?? null;
		if (refusal) return refuse(refusal);
		// Bounded memory: with storage away, refuse rather than hold an ever-growing backlog.
		if (handle.backlogFull(update.length)) return session.close(CLOSE.storageBacklog);
		const cap = grant.maxDocumentBytes?.();
		if (cap !== undefined && handle.sizeBytes() + update.length > cap) {
			logger.warn('collab_document_too_large', { docId: handle.docId, cap });
			return session.close(CLOSE.documentTooLarge);
		}
		const result = handle.applyUpdate(update, session);
		if (result === 'failed') return session.close(CLOSE.malformedMessage);
		if (result === 'gap') heldByGap = true;
		if (result === 'applied') accepted();
		// Access came back without a notifyAccessChanged: say so, and fetch what we refused.
		if (told !== null && told !== 'read_write') regained();
		else if (result === 'gap') resync(false);
	}

	function accepted() {
		try {
			grant.onAccepted?.();
		} catch (error) {
			logger.warn('collab_on_accepted_failed', { docId: handle.docId, error: String(error) });
		}
	}

	function deny(reason: DenyReason) {
		try {
			grant.onDenied?.(reason);
		} catch (error) {
			logger.warn('collab_on_denied_failed', { docId: handle.docId, error: String(error) });
		}
		// Once per second at most: a client typing into a locked editor sends many updates. A new
		// reason is always told.
		if (told !== reason) notices.ranNow('denied');
		else if (!notices.take('denied')) return;
		told = reason;
		session.send(encodePermissionDenied(reason));
	}

	/** One update dropped by `checkUpdate`; the connection's access (`told`) is unchanged. */
	function refuse(reason: RefusalReason) {
		try {
			grant.onDenied?.(reason);
		} catch (error) {
			logger.warn('collab_on_denied_failed', { docId: handle.docId, error: String(error) });
		}
		if (!notices.take('refused')) return;
		session.send(encodePermissionDenied(reason));
	}

	function tell(reason: DenyReason) {
		if (told === reason) return;
		told = reason;
		session.send(encodePermissionDenied(reason));
	}

	function regained() {
		told = 'read_write';
		session.send(encodeAccessGranted());
		resync(true);
	}

	/**
	 * Refused updates stay in the client's Y.Doc and its later edits build on them; Yjs would hold
	 * those as pending forever. Our sync step 1 makes the client send everything we lack — once
	 * writable, that includes the refused edits, so every replica converges again.
	 */
	function resync(force: boolean) {
		if (force) notices.ranNow('resync');
		else if (!notices.take('resync')) return;
		session.send(encodeSyncStep1(handle.stateVector()));
	}

	async function accessReason(): Promise<DenyReason | null> {
		const override = handle.readOnly();
		if (override) return override;
		return toReason(await grant.canWrite());
	}

	run(start);
	return session;
}

function toReason(access: WriteAccess): DenyReason | null {
	if (access === true) return null;
	return access === false ? 'read_only' : access;
}
