// The live connections (socket.io sockets, /collab WebSockets) of each session on this instance,
// so that a session that ends — sign-out, expiry, account disabled — ends its connections at once.
// A connection was authorized once, at its handshake: without this, it would keep the powers of
// a session that no longer exists for as long as it stays open.
//
// Three ways a session's end reaches a connection:
// - `ended()`: this instance ended it (sign-out, disable): closed here, then announced to the
//   other instances and the CLI's peers (`onAnnounce`, Redis in production);
// - `endHere()`: another instance or the CLI announced it;
// - the timer at the session's expiry and a periodic sweep that re-reads every watched session
//   from the database: whatever was missed (Redis down, a row deleted by hand) ends within one
//   sweep, and an expired session ends at its expiry even if nobody announced anything.

import type { SessionEndReason } from '../../protocol/events';
import { createLogger } from '../log';

const log = createLogger('sessions');

export type { SessionEndReason };

export const SESSION_END_REASONS: readonly SessionEndReason[] = [
	'signed_out',
	'expired',
	'disabled',
	'ended'
];

export interface LiveSessionsOptions {
	/** Expiry (ms) of each of these sessions that still exists and whose account is enabled. */
	lookup(ids: string[]): Promise<Map<string, number>>;
	/**
	 * Of these users, the disabled ones: a session the sweep finds gone because its account was
	 * disabled ends as 'disabled', not 'ended', even when the sweep runs before the announcement
	 * from the instance that disabled it arrives.
	 */
	disabledUsers?(userIds: string[]): Promise<Set<string>>;
	now: () => number;
	/** Interval of the backstop sweep. Default 30 s. */
	sweepMs?: number;
}

type End = (reason: SessionEndReason) => void;
type Announce = (ids: string[], reason: SessionEndReason) => void;

interface Entry {
	expiresAt: number;
	userId?: string;
	ends: Set<End>;
	timer: ReturnType<typeof setTimeout> | null;
}

/** setTimeout fires at once beyond 2^31-1 ms (~24.8 days); sessions live 30 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A session ended this recently ends a connection that registers late (authorized just before). */
const ENDED_MEMORY_MS = 5 * 60 * 1000;
const LOOKUP_CHUNK = 500;

export function createLiveSessions(options: LiveSessionsOptions) {
	const { lookup, now } = options;
	const sweepMs = options.sweepMs ?? 30_000;
	const entries = new Map<string, Entry>();
	const recentlyEnded = new Map<string, { reason: SessionEndReason; at: number }>();
	const announcers = new Set<Announce>();
	let sweeper: ReturnType<typeof setInterval> | null = null;
	let sweeping: Promise<void> | null = null;
	let closed = false;

	function schedule(id: string, entry: Entry) {
		if (entry.timer) clearTimeout(entry.timer);
		const delay = Math.min(Math.max(entry.expiresAt - now(), 0), MAX_TIMER_MS);
		entry.timer = setTimeout(() => {
			entry.timer = null;
			void recheck([id]);
		}, delay);
		entry.timer.unref?.();
	}

	function endHere(ids: string[], reason: SessionEndReason): number {
		const at = now();
		let closedCount = 0;
		for (const id of ids) {
			recentlyEnded.set(id, { reason, at });
			const entry = entries.get(id);
			if (!entry) continue;
			entries.delete(id);
			if (entry.timer) clearTimeout(entry.timer);
			for (const end of entry.ends) {
				closedCount++;
				try {
					end(reason);
				} catch (error) {
					log.error({ err: error }, 'closing a connection failed');
				}
			}
		}
		for (const [id, seen] of recentlyEnded) {
			if (at - seen.at > ENDED_MEMORY_MS) recentlyEnded.delete(id);
			else break; // insertion order: the rest are newer
		}
		if (entries.size === 0) stopSweeper();
		return closedCount;
	}

	/** Reads these sessions again: gone → 'ended', past expiry → 'expired', else re-armed. */
	async function recheck(ids: string[]) {
		const watched = ids.filter((id) => entries.has(id));
		if (watched.length === 0) return;
		let found: Map<string, number>;
		try {
			found = await lookup(watched);
		} catch (error) {
			// The database is away: keep the connections, the next sweep or timer asks again.
			log.warn({ error: String(error) }, 're-validation failed');
			for (const id of watched) {
				const entry = entries.get(id);
				if (entry && !entry.timer) {
					entry.timer = setTimeout(() => void recheck([id]), sweepMs);
					entry.timer.unref?.();
				}
			}
			return;
		}
		const t = now();
		const gone: string[] = [];
		const expired: string[] = [];
		for (const id of watched) {
			const entry = entries.get(id);
			if (!entry) continue;
			const expiresAt = found.get(id);
			if (expiresAt === undefined) gone.push(id);
			else if (expiresAt <= t) expired.push(id);
			else if (expiresAt !== entry.expiresAt || !entry.timer) {
				entry.expiresAt = expiresAt;
				schedule(id, entry);
			}
		}
		if (expired.length) endHere(expired, 'expired');
		if (gone.length) {
			const disabled = await disabledAmong(gone);
			endHere(
				gone.filter((id) => disabled.has(id)),
				'disabled'
			);
			endHere(
				gone.filter((id) => !disabled.has(id)),
				'ended'
			);
		}
	}

	/** The sessions among `ids` whose account is disabled (none if that cannot be read now). */
	async function disabledAmong(ids: string[]): Promise<Set<string>> {
		const users = new Map<string, string>();
		for (const id of ids) {
			const userId = entries.get(id)?.userId;
			if (userId) users.set(id, userId);
		}
		if (!options.disabledUsers || users.size === 0) return new Set();
		try {
			const disabled = await options.disabledUsers([...new Set(users.values())]);
			return new Set([...users].filter(([, userId]) => disabled.has(userId)).map(([id]) => id));
		} catch {
			return new Set();
		}
	}

	async function sweep() {
		const ids = [...entries.keys()];
		for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
			await recheck(ids.slice(i, i + LOOKUP_CHUNK));
		}
	}

	function startSweeper() {
		if (sweeper || closed) return;
		sweeper = setInterval(() => {
			// One sweep at a time: a slow database must not pile them up.
			sweeping ??= sweep().finally(() => (sweeping = null));
		}, sweepMs);
		sweeper.unref?.();
	}

	function stopSweeper() {
		if (sweeper) clearInterval(sweeper);
		sweeper = null;
	}

	return {
		/**
		 * Keeps `end` until the session ends or the returned function is called (the connection
		 * closed by itself). Calls `end` at once if the session ended in the meantime.
		 */
		watch(session: { id: string; expiresAt: Date; userId?: string }, end: End): () => void {
			const ended = recentlyEnded.get(session.id);
			if (ended || closed) {
				queueMicrotask(() => end(ended?.reason ?? 'ended'));
				return () => undefined;
			}
			let entry = entries.get(session.id);
			if (!entry) {
				entry = {
					expiresAt: session.expiresAt.getTime(),
					userId: session.userId,
					ends: new Set(),
					timer: null
				};
				entries.set(session.id, entry);
				schedule(session.id, entry);
			}
			entry.ends.add(end);
			startSweeper();
			const own = entry;
			return () => {
				own.ends.delete(end);
				if (own.ends.size === 0 && entries.get(session.id) === own) {
					if (own.timer) clearTimeout(own.timer);
					entries.delete(session.id);
					if (entries.size === 0) stopSweeper();
				}
			};
		},
		/** Sessions this instance ended: their connections here close, the others are told. */
		ended(ids: string[], reason: SessionEndReason): number {
			if (ids.length === 0) return 0;
			const count = endHere(ids, reason);
			for (const announce of announcers) {
				try {
					announce(ids, reason);
				} catch (error) {
					log.error({ err: error }, 'announcing an ended session failed');
				}
			}
			return count;
		},
		/** Sessions another instance (or the CLI) ended. */
		endHere,
		/** Publishes this instance's `ended()` to its peers; returns the detach function. */
		onAnnounce(announce: Announce): () => void {
			announcers.add(announce);
			return () => announcers.delete(announce);
		},
		/** Re-reads every watched session now (the periodic sweep does the same). */
		sweep,
		/** How many sessions and connections are watched here. */
		stats() {
			let connections = 0;
			for (const entry of entries.values()) connections += entry.ends.size;
			return { sessions: entries.size, connections };
		},
		close() {
			closed = true;
			stopSweeper();
			for (const entry of entries.values()) if (entry.timer) clearTimeout(entry.timer);
			entries.clear();
			announcers.clear();
		}
	};
}

export type LiveSessions = ReturnType<typeof createLiveSessions>;

/** What travels between instances: which sessions ended and why. Validated on receipt. */
export interface SessionsEndedMessage {
	ids: string[];
	reason: SessionEndReason;
}

const SESSION_ID = /^[0-9a-f]{64}$/;

export function encodeSessionsEnded(message: SessionsEndedMessage): string {
	return JSON.stringify(message);
}

export function decodeSessionsEnded(raw: string): SessionsEndedMessage | null {
	try {
		const value = JSON.parse(raw) as { ids?: unknown; reason?: unknown };
		if (!Array.isArray(value.ids) || value.ids.length > 10_000) return null;
		if (!value.ids.every((id) => typeof id === 'string' && SESSION_ID.test(id))) return null;
		if (!SESSION_END_REASONS.includes(value.reason as SessionEndReason)) return null;
		return { ids: value.ids as string[], reason: value.reason as SessionEndReason };
	} catch {
		return null;
	}
}

/** The Redis channel every instance listens on, and the CLI publishes to. */
export const SESSIONS_ENDED_CHANNEL = 'palabre:sessions-ended';
