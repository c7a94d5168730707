// Ended sessions travel between instances on one Redis channel: a sign-out handled by instance A
// closes the sockets and /collab connections that session has on instance B too. The CLI
// publishes on the same channel when it disables an account (server/cli.ts).
import { createClient } from 'redis';
import {
	decodeSessionsEnded,
	encodeSessionsEnded,
	SESSIONS_ENDED_CHANNEL,
	type LiveSessions,
	type SessionEndReason
} from '../../src/lib/server/auth/live-sessions';
import type { RedisLink } from './redis-adapter';
import { createLogger } from '../../src/lib/server/log';
import { closeRedisClient } from '../../src/lib/server/redis-close';

const log = createLogger('sessions');

export async function shareEndedSessions(
	live: LiveSessions,
	redis: Pick<RedisLink, 'publish' | 'subscribe'>
): Promise<() => void> {
	await redis.subscribe(SESSIONS_ENDED_CHANNEL, (raw) => {
		// Our own announcements come back too: ending a session twice does nothing.
		const message = decodeSessionsEnded(raw);
		if (message) live.endHere(message.ids, message.reason);
		else log.warn({ channel: SESSIONS_ENDED_CHANNEL }, 'malformed message');
	});
	return live.onAnnounce((ids, reason) => {
		// Lost (Redis away): the peers' periodic re-validation still closes them within a sweep.
		redis
			.publish(SESSIONS_ENDED_CHANNEL, encodeSessionsEnded({ ids, reason }))
			.catch((error: unknown) =>
				log.error({ error: String(error) }, 'could not tell the other instances')
			);
	});
}

/** For a process that is not a server (the CLI): one connection, one message, gone. */
export async function announceEndedSessionsOnce(
	url: string,
	ids: string[],
	reason: SessionEndReason
): Promise<void> {
	const client = createClient({ url, socket: { connectTimeout: 5_000, reconnectStrategy: false } });
	client.on('error', () => undefined); // reported by the rejected connect/publish below
	await client.connect();
	try {
		await client.publish(SESSIONS_ENDED_CHANNEL, encodeSessionsEnded({ ids, reason }));
	} finally {
		await closeRedisClient(client);
	}
}
