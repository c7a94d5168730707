// With REDIS_URL set, socket.io broadcasts go through Redis pub/sub so that every instance behind
// the proxy sees every vote, timer change and presence update. The same two connections carry
// Palabre's own channels between instances (ended sessions, see session-peers.ts).
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { PalabreServer } from './socket-types';
import { createLogger } from '../../src/lib/server/log';

const log = createLogger('redis');

export interface RedisLink {
	publish(channel: string, message: string): Promise<unknown>;
	subscribe(channel: string, listener: (message: string) => void): Promise<void>;
	close(): Promise<void>;
}

export async function connectRedisAdapter(io: PalabreServer, url: string): Promise<RedisLink> {
	const pub = createClient({ url });
	const sub = pub.duplicate();
	pub.on('error', (error) => log.error({ error: error.message }, 'publisher error'));
	sub.on('error', (error) => log.error({ error: error.message }, 'subscriber error'));
	await Promise.all([pub.connect(), sub.connect()]);
	io.adapter(createAdapter(pub, sub));
	return {
		publish: (channel, message) => pub.publish(channel, message),
		async subscribe(channel, listener) {
			await sub.subscribe(channel, (message: string) => listener(message));
		},
		async close() {
			await Promise.allSettled([pub.quit(), sub.quit()]);
		}
	};
}
