// Runs Palabre's realtime channels (socket.io, /collab) inside `vite dev`, on Vite's own HTTP
// server, with the same composition as production. The app is loaded through Vite's SSR module
// graph so SvelteKit's hooks and this plugin share one instance of every server module (PGlite
// accepts one opener per data directory).
import type { Server as HttpServer } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';

type DevEntry = typeof import('./dev-entry');

export function palabreDevServer(): Plugin {
	return {
		name: 'palabre-dev-server',
		apply: 'serve',
		configureServer(server: ViteDevServer) {
			if (process.env.VITEST || !server.httpServer) return;
			// `vite dev` without https serves HTTP/1.1, the server type socket.io attaches to.
			const httpServer = server.httpServer as HttpServer;
			let started: ReturnType<DevEntry['startDev']> | undefined;
			const start = () => {
				started ??= server
					.ssrLoadModule('/server/dev-entry.ts')
					.then((mod) => (mod as DevEntry).startDev(httpServer));
				return started;
			};
			server.middlewares.use((req, res, next) => {
				start().then(
					(dev) => dev.runWithApp(() => next()),
					(error: unknown) => next(error)
				);
			});
			httpServer.once('listening', () => void start());
			httpServer.once('close', () => void started?.then((dev) => dev.close()));
		}
	};
}
