// Co-editing across instances (REDIS_URL): one Redis stream per open document, the y-redis design
// on the `redis` client this server already holds. Each instance XADDs the updates it accepted
// (after its guards) and the awareness it fanned out; every instance with the document open reads
// the stream and applies what the others wrote. Streams are trimmed by age (MINID) and expire
// once nobody writes to them.
//
// Why not a package: y-redis makes Redis the document's durable log with its own worker and
// storage (it would replace document-persistence, the durability acks and the guards' place);
// hocuspocus' Redis extension is pub/sub (what a blip loses) and tied to hocuspocus' server,
// with reported connection storms. Here: two connections per instance whatever the number of
// documents — one writes, one blocks in a single XREAD over every open document's stream.
import { createCollabLogger } from './collab-logger';
import type { CollabLogger } from './types';
import { createClient } from 'redis';
import { closeRedisClient } from '../../src/lib/server/redis-close';

/** What an instance does with what the others wrote to a document's stream. */
export interface RelayHandlers {
	update(update: Uint8Array): void;
	/** An awareness message (y-protocols wire format) another instance sent to its clients. */
	awareness(message: Uint8Array): void;
	/** Redis came back after a drop: entries may have been lost with it; re-read the store. */
	resync(): void;
}

export interface DocumentRelay {
	/** Starts reading the document's stream (from a little before now); returns the stop. */
	join(docId: string, handlers: RelayHandlers): () => void;
	publishUpdate(docId: string, update: Uint8Array): void;
	publishAwareness(docId: string, message: Uint8Array): void;
	/**
	 * Locks, grants and role changes, for the other instances' connections (JSON; the
	 * `listener` of every other instance gets it once, in order). Returns the unsubscribe.
	 */
	publishControl(message: object): void;
	onControl(listener: (message: unknown) => void): () => void;
	/** Entries read from other instances, and what they cost (for the bench and /metrics). */
	stats(): { published: number; received: number; publishFailures: number };
	close(): Promise<void>;
}

export interface DocumentRelayOptions {
	url: string;
	/** The deployment's key prefix (`palabre:<id>:`); streams are `<prefix>doc:<documentId>`. */
	keyPrefix: string;
	/**
	 * How far back a newly opened document reads its stream. Updates an instance accepted but had
	 * not yet stored when another loaded the document from the database are in that window
	 * (storage takes ~100 ms; Yjs ignores what it already has). Default 60 s.
	 */
	replayMs?: number;
	/** Entries older than this are trimmed (every holder has long stored them). Default 120 s. */
	retainMs?: number;
	logger?: CollabLogger;
}

const BLOCK_MS = 5_000;
const READ_COUNT = 500;
/** A stream nobody writes to anymore goes away after this. */
const EXPIRE_MS = 10 * 60_000;

interface Joined {
	handlers: Set<RelayHandlers>;
	offset: string;
	expiredAt: number;
}

export async function createDocumentRelay(options: DocumentRelayOptions): Promise<DocumentRelay> {
	const logger = options.logger ?? createCollabLogger();
	const replayMs = options.replayMs ?? 60_000;
	const retainMs = options.retainMs ?? 120_000;
	const instance = crypto.randomUUID();
	const writer = createClient({ url: options.url });
	const reader = writer.duplicate();
	const joined = new Map<string, Joined>();
	const controlKey = `${options.keyPrefix}collab:control`;
	let controlOffset = '$';
	const controlListeners = new Set<(message: unknown) => void>();
	const counters = { published: 0, received: 0, publishFailures: 0 };
	let closed = false;
	let lostRedis = false;

	writer.on('error', (error: Error) => {
		lostRedis = true;
		logger.warn('collab_redis_error', { error: error.message });
	});
	reader.on('error', () => {
		lostRedis = true; // reported by the writer's listener
	});
	// Back after a drop: what was in flight may be gone with a restarted Redis. Every instance
	// stores every update it holds, so re-reading the store brings back whatever we missed.
	writer.on('ready', () => {
		if (!lostRedis) return;
		lostRedis = false;
		for (const entry of joined.values()) for (const handlers of entry.handlers) handlers.resync();
	});
	await Promise.all([writer.connect(), reader.connect()]);
	let readerId = await reader.clientId();
	reader.on('ready', () => {
		reader
			.clientId()
			.then((id) => (readerId = id))
			.catch(() => undefined);
	});

	const streamKey = (docId: string) => `${options.keyPrefix}doc:${docId}`;

	/** The reader waits in XREAD for up to BLOCK_MS: a new document must not wait that long. */
	function wakeReader() {
		writer.clientUnblock(readerId).catch(() => undefined);
	}

	async function readLoop() {
		while (!closed) {
			const keys = [
				{ key: controlKey, id: controlOffset },
				...[...joined.entries()].map(([docId, entry]) => ({
					key: streamKey(docId),
					id: entry.offset
				}))
			];
			let reply: Awaited<ReturnType<typeof reader.xRead>>;
			try {
				reply = await reader.xRead(keys, { BLOCK: BLOCK_MS, COUNT: READ_COUNT });
			} catch {
				if (closed) return;
				await new Promise((resolve) => setTimeout(resolve, 200));
				continue;
			}
			if (!reply) continue;
			for (const stream of reply as Array<{
				name: string;
				messages: Array<{ id: string; message: Record<string, string> }>;
			}>) {
				if (stream.name === controlKey) {
					for (const { id, message } of stream.messages) {
						controlOffset = id;
						if (message.i === instance || typeof message.d !== 'string') continue;
						counters.received++;
						for (const listener of controlListeners) {
							try {
								listener(JSON.parse(message.d));
							} catch (error) {
								logger.error('collab_relay_control_failed', { error: String(error) });
							}
						}
					}
					continue;
				}
				const docId = stream.name.slice(streamKey('').length);
				const entry = joined.get(docId);
				if (!entry) continue;
				for (const { id, message } of stream.messages) {
					entry.offset = id;
					if (message.i === instance || typeof message.d !== 'string') continue;
					counters.received++;
					const bytes = new Uint8Array(Buffer.from(message.d, 'base64'));
					for (const handlers of entry.handlers) {
						try {
							if (message.t === 'a') handlers.awareness(bytes);
							else handlers.update(bytes);
						} catch (error) {
							logger.error('collab_relay_apply_failed', { docId, error: String(error) });
						}
					}
				}
			}
		}
	}
	const reading = readLoop();

	function publishControl(message: object) {
		if (closed) return;
		counters.published++;
		writer
			.xAdd(
				controlKey,
				'*',
				{ i: instance, d: JSON.stringify(message) },
				{ TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 10_000 } }
			)
			.catch((error: unknown) => {
				counters.publishFailures++;
				logger.warn('collab_relay_publish_failed', { error: String(error) });
			});
	}

	function publish(docId: string, kind: 'u' | 'a', bytes: Uint8Array) {
		if (closed) return;
		const key = streamKey(docId);
		const now = Date.now();
		counters.published++;
		// While Redis is away the client queues the command and sends it on reconnection, so
		// what this instance accepted still reaches the others (unless this instance dies too).
		writer
			.xAdd(
				key,
				'*',
				{ i: instance, t: kind, d: Buffer.from(bytes).toString('base64') },
				{ TRIM: { strategy: 'MINID', strategyModifier: '~', threshold: now - retainMs } }
			)
			.catch((error: unknown) => {
				counters.publishFailures++;
				logger.warn('collab_relay_publish_failed', { docId, error: String(error) });
			});
		const entry = joined.get(docId);
		if (entry && now - entry.expiredAt > EXPIRE_MS / 4) {
			entry.expiredAt = now;
			writer.pExpire(key, EXPIRE_MS).catch(() => undefined);
		}
	}

	return {
		join(docId, handlers) {
			let entry = joined.get(docId);
			if (!entry) {
				entry = { handlers: new Set(), offset: `${Date.now() - replayMs}-0`, expiredAt: 0 };
				joined.set(docId, entry);
				wakeReader();
			}
			entry.handlers.add(handlers);
			const held = entry;
			return () => {
				held.handlers.delete(handlers);
				if (held.handlers.size === 0 && joined.get(docId) === held) joined.delete(docId);
			};
		},
		publishUpdate: (docId, update) => publish(docId, 'u', update),
		publishAwareness: (docId, message) => publish(docId, 'a', message),
		publishControl,
		onControl(listener) {
			controlListeners.add(listener);
			return () => controlListeners.delete(listener);
		},
		stats: () => ({ ...counters }),
		async close() {
			closed = true;
			joined.clear();
			wakeReader();
			// The reader wakes within BLOCK_MS even when CLIENT UNBLOCK missed it (a new client id
			// after Redis came back).
			await Promise.race([
				reading.catch(() => undefined),
				new Promise((resolve) => setTimeout(resolve, BLOCK_MS + 1_000).unref())
			]);
			await Promise.all([closeRedisClient(writer), closeRedisClient(reader)]);
		}
	};
}
