// With REDIS_URL set, socket.io broadcasts go through Redis pub/sub so that every instance behind
// the proxy sees every vote, timer change and presence update.
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { PalabreServer } from './socket-types';

export async function connectRedisAdapter(io: PalabreServer, url: string) {
	const pub = createClient({ url });
	const sub = pub.duplicate();
	pub.on('error', (error) => console.error('[redis] publisher error', error.message));
	sub.on('error', (error) => console.error('[redis] subscriber error', error.message));
	await Promise.all([pub.connect(), sub.connect()]);
	io.adapter(createAdapter(pub, sub));
	return {
		async close() {
			await Promise.allSettled([pub.quit(), sub.quit()]);
		}
	};
}
