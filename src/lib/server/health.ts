// What GET /healthz reports: which of the database and Redis answer, each within its bound.
// The database decides whether this instance can serve (503 without it); Redis only carries what
// crosses instances, so without it an instance still serves its own clients: « degraded », 200,
// and a load balancer keeps it (docs/operations.md « Health checks »).
import { createClient } from 'redis';
import { probeDatabase } from './db/health-probe';
import type { Database } from './db/client';

export interface HealthReport {
	status: 'ok' | 'degraded' | 'down';
	database: 'up' | 'down';
	redis: 'up' | 'down' | 'absent';
}

export interface Health {
	check(): Promise<HealthReport>;
	close(): Promise<void>;
}

/** Answers within `timeoutMs`; `true` when Redis said PONG. */
type RedisProbe = (timeoutMs: number) => Promise<boolean>;

export function createHealth(options: {
	db: Database;
	redisUrl: string | undefined;
	redisTimeoutMs?: number;
}): Health {
	const redis = options.redisUrl ? connectRedisProbe(options.redisUrl) : null;
	return {
		async check() {
			const [db, redisUp] = await Promise.all([
				probeDatabase(options.db),
				redis ? redis.probe(options.redisTimeoutMs ?? 500) : null
			]);
			return healthReport(db === 'ok', redisUp);
		},
		close: async () => redis?.close()
	};
}

/** The verdict from the two answers (`redisUp` null: no REDIS_URL, one instance alone). */
export function healthReport(databaseUp: boolean, redisUp: boolean | null): HealthReport {
	const redis = redisUp === null ? 'absent' : redisUp ? 'up' : 'down';
	return {
		status: !databaseUp ? 'down' : redis === 'down' ? 'degraded' : 'ok',
		database: databaseUp ? 'up' : 'down',
		redis
	};
}

/**
 * A connection of its own, so the probe says whether Redis answers this instance, not whether
 * some other client is busy. It keeps reconnecting in the background; once it has been ready,
 * a probe while it is not answers « down » at once (no offline queue: a command would otherwise
 * wait for Redis). Only the very first connection is waited for, within the probe's bound.
 */
function connectRedisProbe(url: string): { probe: RedisProbe; close(): Promise<void> } {
	const client = createClient({
		url,
		disableOfflineQueue: true,
		socket: {
			connectTimeout: 2_000,
			reconnectStrategy: (retries) => Math.min(retries * 200, 2_000)
		}
	});
	// Errors are the probe's answer; the adapter and the limit store already log Redis outages.
	client.on('error', () => {});
	let first: Promise<unknown> | null = client.connect().then(
		() => (first = null),
		() => (first = null)
	);
	const ping = async () => {
		if (!client.isReady && first) await first;
		if (!client.isReady) return false;
		return (await client.ping()) === 'PONG';
	};
	return {
		async probe(timeoutMs) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const late = new Promise<boolean>((resolve) => {
				timer = setTimeout(() => resolve(false), timeoutMs);
			});
			try {
				return await Promise.race([ping().catch(() => false), late]);
			} finally {
				clearTimeout(timer);
			}
		},
		async close() {
			client.destroy();
		}
	};
}
