// GET /metrics (Prometheus text). Closed unless configured: with METRICS_TOKEN on the main port
// behind `Authorization: Bearer <token>`; with METRICS_ADDRESS on a listener of its own (an
// admin interface the public proxy does not reach), also behind the token when one is set.
// Neither: 404, so a deployment never publishes its numbers by accident.
import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { App } from '../src/lib/server/app';
import type { Realtime } from './realtime';
import type { CollabRoute } from './collab-route';
import { createLogger } from '../src/lib/server/log';

const log = createLogger('metrics');

const PATH = '/metrics';

/** Hands socket.io's and /collab's live counts to the metrics registry (read when scraped). */
export function observeRealtime(app: App, realtime: Realtime, collab: CollabRoute) {
	app.metrics.observe({
		socketConnections: () => realtime.io.engine.clientsCount,
		// Workshop rooms are `w:<id>` (server/socket/workshop-room.ts); the adapter's map is local.
		workshopsOpen: () => {
			let open = 0;
			for (const room of realtime.io.of('/').adapter.rooms.keys())
				if (room.startsWith('w:')) open++;
			return open;
		},
		collab: () => collab.collab.registry.stats()
	});
}

/** On the main port: true when it answered (the path is /metrics and a token is configured). */
export function serveMetrics(app: App, req: http.IncomingMessage, res: http.ServerResponse) {
	if (!app.config.metricsToken || pathOf(req) !== PATH) return false;
	void answer(app, req, res);
	return true;
}

/** The METRICS_ADDRESS listener: /metrics only. */
export async function listenMetrics(
	app: App,
	address: { host: string; port: number }
): Promise<{ url: string; close(): Promise<void> }> {
	const server = http.createServer((req, res) => {
		if (pathOf(req) !== PATH) {
			res.writeHead(404).end();
			return;
		}
		void answer(app, req, res);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(address.port, address.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const host = address.host.includes(':') ? `[${address.host}]` : address.host;
	return {
		url: `http://${host}:${port}${PATH}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

async function answer(app: App, req: http.IncomingMessage, res: http.ServerResponse) {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { allow: 'GET, HEAD' }).end();
		return;
	}
	const token = app.config.metricsToken;
	if (token && !bearerMatches(req.headers.authorization, token)) {
		res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"' }).end();
		return;
	}
	try {
		const { contentType, body } = await app.metrics.render();
		res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
		res.end(req.method === 'HEAD' ? undefined : body);
	} catch (error) {
		log.error({ err: error }, 'scrape failed');
		res.writeHead(500).end();
	}
}

/** Compared as digests: same length whatever was sent, so the time says nothing of the token. */
function bearerMatches(header: string | undefined, token: string): boolean {
	const sent = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
	if (!sent) return false;
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(sent), digest(token));
}

function pathOf(req: http.IncomingMessage): string {
	return (req.url ?? '').split('?')[0];
}
