// With REDIS_URL set, socket.io broadcasts go through one Redis stream
// (@socket.io/redis-streams-adapter) so that every instance behind the proxy sees every vote,
// timer change and presence update. A stream, unlike pub/sub, is read from an offset: an instance
// whose Redis link blips reads what it missed, and a phone that comes back within two minutes
// gets the events it missed from whichever instance (connection-state recovery keeps the session
// in Redis). Palabre's own channels between instances (ended sessions, see session-peers.ts) stay
// on pub/sub on the same client: they are hints that the periodic sweeps make up for.
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { PalabreServer } from './socket-types';
import { createLogger } from '../../src/lib/server/log';
import { closeRedisClient } from '../../src/lib/server/redis-close';

const log = createLogger('redis');

export interface RedisLink {
	publish(channel: string, message: string): Promise<unknown>;
	subscribe(channel: string, listener: (message: string) => void): Promise<void>;
	close(): Promise<void>;
}

/** How often an instance says it is alive, and after how long the others count it gone. */
export const HEARTBEAT_MS = 2_000;
export const HEARTBEAT_TIMEOUT_MS = 5_000;

/** `onReconnect`: Redis answered again after a drop (messages in flight then may be lost). */
export async function connectRedisAdapter(
	io: PalabreServer,
	url: string,
	keyPrefix: string,
	onReconnect: () => void = () => undefined
): Promise<RedisLink> {
	const client = createClient({ url });
	const sub = client.duplicate();
	let lost = false;
	client.on('error', (error) => {
		lost = true;
		log.error({ error: error.message }, 'socket.io client error');
	});
	client.on('ready', () => {
		if (!lost) return;
		lost = false;
		onReconnect();
	});
	sub.on('error', (error) => log.error({ error: error.message }, 'subscriber error'));
	await Promise.all([client.connect(), sub.connect()]);
	io.adapter(
		createAdapter(client, {
			streamName: `${keyPrefix}socket.io`,
			channelPrefix: `${keyPrefix}socket.io`,
			sessionKeyPrefix: `${keyPrefix}sio:session:`,
			// Two minutes of a busy vote (tallies are throttled per poll) fit well inside this.
			maxLen: 50_000,
			blockTimeInMs: 2_000,
			// Requests across instances (fetchSockets for presence) stop waiting for a dead one
			// once its heartbeats stop: members of a killed instance go absent within seconds.
			heartbeatInterval: HEARTBEAT_MS,
			heartbeatTimeout: HEARTBEAT_TIMEOUT_MS
		})
	);
	return {
		publish: (channel, message) => client.publish(channel, message),
		async subscribe(channel, listener) {
			await sub.subscribe(channel, (message: string) => listener(message));
		},
		async close() {
			await Promise.all([closeRedisClient(client), closeRedisClient(sub)]);
		}
	};
}
