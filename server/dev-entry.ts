// What the Vite dev plugin loads (through Vite's SSR graph): the same app and realtime channels
// as production, attached to Vite's HTTP server.
import type { Server as HttpServer } from 'node:http';
import { createApp } from '../src/lib/server/app';
import { runWithApp } from '../src/lib/server/app-context';
import { parseConfig } from '../src/lib/server/config';
import { attachRealtime } from './realtime';
import { openCollabRoute } from './collab-route';

export async function startDev(httpServer: HttpServer) {
	const app = await createApp(parseConfig());
	const collab = await openCollabRoute(app);
	const realtime = await attachRealtime(httpServer, app, [collab]);
	return {
		runWithApp: (fn: () => void) => runWithApp(app, fn),
		async close() {
			await realtime.close();
			await collab.close();
			await app.close();
		}
	};
}
