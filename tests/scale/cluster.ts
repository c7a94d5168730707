// Several Palabre instances as the issue deploys them: `npm start`'s bundle in child processes on
// one PostgreSQL database and one Redis, behind Debian's nginx (tests/helpers/nginx.ts). Redis is
// a private redis-server on a free port, so that a test may restart it without touching the
// machine's (shared with everything else).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createClient } from 'redis';
import { waitFor } from '../helpers/wait-for';
import { freePort, nginxAvailable, startNginx, type RunningNginx } from '../helpers/nginx';
import {
	startServerChild,
	throwawayDatabase,
	withApp,
	type Cleanups
} from '../realtime/server-child';

/** Opens each instance's /metrics (read directly on its port, not through nginx). */
const CLUSTER_METRICS_TOKEN = 'scale-test-metrics';

/** What an instance's /healthz says of Redis: 'up', 'down' or 'absent'. */
export async function instanceRedisHealth(instance: Instance): Promise<string> {
	const res = await fetch(`http://127.0.0.1:${instance.port}/healthz`);
	return ((await res.json()) as { redis: string }).redis;
}

/** A counter or gauge of one instance's /metrics, summed over its labels. */
export async function instanceMetric(instance: Instance, name: string): Promise<number> {
	const res = await fetch(`http://127.0.0.1:${instance.port}/metrics`, {
		headers: { authorization: `Bearer ${CLUSTER_METRICS_TOKEN}` }
	});
	const text = await res.text();
	return text
		.split('\n')
		.filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
		.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

/** Why the scale tests cannot run here, or null: nginx, redis-server and PostgreSQL needed. */
export function clusterUnavailable(): string | null {
	if (!nginxAvailable()) return 'nginx is not installed';
	if (!fs.existsSync(REDIS_SERVER_BIN)) return 'redis-server is not installed';
	if (!process.env.DATABASE_URL) return 'DATABASE_URL is not set (instances share PostgreSQL)';
	return null;
}

export interface PrivateRedis {
	url: string;
	/**
	 * Kills Redis (SIGKILL: nothing saved, it has no persistence anyway), waits for `whileDown`
	 * (what the test needs to see during the outage), and starts it again.
	 */
	restart(whileDown?: () => Promise<void>): Promise<void>;
	stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	const url = `redis://127.0.0.1:${port}`;
	let child: ChildProcess;
	const launch = async () => {
		child = spawn(
			REDIS_SERVER_BIN,
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: 'ignore' }
		);
		await waitFor(
			async () => {
				const probe = createClient({ url, socket: { reconnectStrategy: false } });
				probe.on('error', () => undefined);
				try {
					await probe.connect();
					await probe.ping();
					await probe.quit();
					return true;
				} catch {
					return false;
				}
			},
			10_000,
			{ description: 'redis-server answers' }
		);
	};
	const kill = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	};
	await launch();
	return {
		url,
		async restart(whileDown) {
			await kill();
			await whileDown?.();
			await launch();
		},
		stop: kill
	};
}

export interface Instance {
	port: number;
	child: ChildProcess;
	exited: Promise<number | null>;
	output(): string;
}

export interface Cluster {
	databaseUrl: string;
	redis: PrivateRedis;
	instances: Instance[];
	proxy: RunningNginx;
	/** Environment of the instances (for an in-process app seeding or reading the same data). */
	env: Record<string, string>;
}

/** `count` instances on one fresh database and a private Redis, behind nginx. */
export async function startCluster(count: number, cleanups: Cleanups): Promise<Cluster> {
	const redis = await startPrivateRedis();
	cleanups.push(() => redis.stop());
	const databaseUrl = await throwawayDatabase(process.env.DATABASE_URL!, 'palabre_scale', cleanups);
	const env = {
		DATABASE_URL: databaseUrl,
		REDIS_URL: redis.url,
		TRUST_PROXY: '1',
		METRICS_TOKEN: CLUSTER_METRICS_TOKEN
	};
	// Migrate before the instances start, so that they do not race to migrate one database.
	await withApp({ DATABASE_URL: databaseUrl }, async () => undefined);
	const children = Array.from({ length: count }, () => startServerChild(env, cleanups));
	const instances: Instance[] = [];
	for (const child of children) {
		instances.push({
			port: await child.port,
			child: child.child,
			exited: child.exited,
			output: child.output
		});
	}
	const proxy = await startNginx(instances.map((i) => i.port));
	cleanups.push(() => proxy.stop());
	return { databaseUrl, redis, instances, proxy, env };
}
