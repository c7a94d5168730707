// Builds the HTTP server around SvelteKit's request handler and the realtime channels.
// `startServer` is what `npm start` runs and what the realtime tests start on port 0.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../src/lib/server/app';
import { runWithApp } from '../src/lib/server/app-context';
import type { Config } from '../src/lib/server/config';
import { attachRealtime, type Realtime } from './realtime';
import { openCollabRoute, type CollabRoute } from './collab-route';
import { listenMetrics, observeRealtime, serveMetrics } from './metrics-route';
import { dropImmutableValidators } from './immutable-assets';
import { boundHeapGrowth } from './heap-growth';
import { admitGatewayPost } from './gateway-origin';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

export interface StartOptions extends AppOptions {
	/** SvelteKit's adapter-node handler; omitted in tests that only exercise realtime channels. */
	kitHandler?: NodeHandler | null;
}

export interface RunningServer {
	app: App;
	realtime: Realtime;
	server: http.Server;
	url: string;
	/** The METRICS_ADDRESS listener's /metrics, when one is configured. */
	metricsUrl?: string;
	close(): Promise<void>;
}

/** adapter-node reads the protocol from this header; we set it from the socket (see below). */
const PROTOCOL_HEADER = 'x-palabre-protocol';

export async function loadKitHandler(): Promise<NodeHandler> {
	// adapter-node assumes https when ORIGIN is unset, which would make session cookies Secure on
	// a venue laptop serving plain http. It reads these variables once, when first imported.
	process.env.PROTOCOL_HEADER ??= PROTOCOL_HEADER;
	const href = new URL('../build/handler.js', import.meta.url).href;
	const mod = (await import(/* @vite-ignore */ href)) as { handler: NodeHandler };
	return mod.handler;
}

export async function startServer(
	config: Config,
	options: StartOptions = {}
): Promise<RunningServer> {
	if (config.trustProxy) process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
	boundHeapGrowth();
	const app = await createApp(config, options);
	const kit = options.kitHandler === undefined ? await loadKitHandler() : options.kitHandler;

	const server = http.createServer((req, res) => {
		const notFound = () => {
			res.statusCode = 404;
			res.end();
		};
		if (serveMetrics(app, req, res)) return;
		if (!kit) return notFound();
		const forwarded = req.headers['x-forwarded-proto'];
		req.headers[PROTOCOL_HEADER] =
			config.trustProxy && typeof forwarded === 'string'
				? forwarded.split(',')[0].trim()
				: 'encrypted' in req.socket && req.socket.encrypted
					? 'https'
					: 'http';
		admitGatewayPost(
			req,
			config.origin ?? `${req.headers[PROTOCOL_HEADER]}://${req.headers.host ?? 'localhost'}`
		);
		dropImmutableValidators(req, res);
		runWithApp(app, () => kit(req, res, notFound));
	});
	server.keepAliveTimeout = 65_000;

	let realtime: Realtime | undefined;
	let collab: CollabRoute | undefined;
	let metrics: Awaited<ReturnType<typeof listenMetrics>> | undefined;
	try {
		collab = await openCollabRoute(app);
		// Charter votes decided while the server was down apply now that live documents exist.
		await app.charter.restore();
		realtime = await attachRealtime(server, app, [collab]);
		observeRealtime(app, realtime, collab);
		if (config.metricsAddress) metrics = await listenMetrics(app, config.metricsAddress);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(config.port, config.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
	} catch (error) {
		await metrics?.close();
		await realtime?.close();
		await collab?.close();
		await app.close();
		throw error;
	}

	const address = server.address() as AddressInfo;
	const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
	let closing: Promise<void> | undefined;
	return {
		app,
		realtime,
		server,
		url: `http://${host}:${address.port}`,
		metricsUrl: metrics?.url,
		close() {
			closing ??= (async () => {
				await metrics?.close();
				await realtime!.close();
				await collab!.close();
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
				await app.close();
			})();
			return closing;
		}
	};
}
