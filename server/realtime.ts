// Attaches Palabre's realtime channels to any Node HTTP server: socket.io on /socket.io and the
// Yjs documents on /collab/. Used by the production server and by the Vite dev plugin alike.
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server } from 'socket.io';
import type { App } from '../src/lib/server/app';
import { handshakeOriginAllowed } from '../src/lib/server/http/handshake-origin';
import { authenticateSocket, watchSession } from './socket/authenticate';
import { checkProtocolVersion } from './socket/protocol-version';
import { shareEndedSessions } from './socket/session-peers';
import { createWorkshopRoom } from './socket/workshop-room';
import { createAgendaChannel } from './socket/agenda';
import { createFacilitationChannel } from './socket/facilitation';
import type { PalabreServer } from './socket/socket-types';
import { connectRedisAdapter } from './socket/redis-adapter';
import { createPollChannel } from './socket/polls';
import { createWallChannel } from './socket/wall';
import { createCharterChannel } from './socket/charter';
import { createOpinionChannel } from './socket/opinion';
import { createNominationChannel } from './socket/nominations';

export interface Realtime {
	io: PalabreServer;
	close(): Promise<void>;
}

export interface UpgradeRoute {
	/** Returns true when it took the upgrade (its path), false to let others look at it. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

export async function attachRealtime(
	httpServer: HttpServer,
	app: App,
	extraRoutes: UpgradeRoute[] = []
): Promise<Realtime> {
	const io: PalabreServer = new Server(httpServer, {
		path: '/socket.io',
		serveClient: false,
		// Other upgrade routes (/collab, Vite's HMR) share this HTTP server.
		destroyUpgrade: false,
		connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
		pingInterval: 20_000,
		pingTimeout: 25_000,
		maxHttpBufferSize: 256 * 1024,
		// A page of another origin (another port of the venue laptop, a sibling subdomain) must
		// not open a socket with the visitor's cookie: refused (403) before any session exists.
		allowRequest: (req, callback) =>
			callback(null, handshakeOriginAllowed(req.headers.origin, req.headers.host, app.config))
	});
	const redis =
		app.config.redisUrl && app.redisPrefix
			? await connectRedisAdapter(io, app.config.redisUrl, app.redisPrefix)
			: null;
	const stopSharing = redis ? await shareEndedSessions(app.liveSessions, redis) : null;

	// The version first: an outdated client is told so even when its session has expired.
	io.use(checkProtocolVersion(app.config.minClientProtocol));
	io.use(authenticateSocket(app));
	const agenda = createAgendaChannel(io, app);
	const facilitation = createFacilitationChannel(io, app);
	const polls = createPollChannel(io, app, { peers: redis !== null });
	const wall = createWallChannel(io, app);
	const charter = createCharterChannel(io, app);
	const opinion = createOpinionChannel(io, app);
	const nominations = createNominationChannel(io, app);
	const workshopRoom = createWorkshopRoom(io, app, [
		(socket, workshopId) => void agenda.sendState(socket, workshopId),
		(socket, workshopId) => void facilitation.greet(socket, workshopId),
		(socket, workshopId) => void polls.greet(socket, workshopId)
	]);
	io.on('connection', (socket) => {
		watchSession(app, socket);
		workshopRoom.register(socket);
		agenda.register(socket);
		facilitation.register(socket);
		polls.register(socket);
		wall.register(socket);
		nominations.register(socket);
	});

	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		const url = req.url ?? '';
		if (url.startsWith('/socket.io')) return; // engine.io's own listener takes it
		for (const route of extraRoutes) if (route.handleUpgrade(req, socket, head)) return;
		if (url.startsWith('/collab/')) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
		}
		// Anything else (Vite's HMR socket in dev) belongs to another listener.
	};
	httpServer.on('upgrade', onUpgrade);

	return {
		io,
		async close() {
			httpServer.off('upgrade', onUpgrade);
			stopSharing?.();
			// Sockets first: their 'disconnecting' handlers may schedule notices, which the
			// handlers' close() then cancels, before the adapter (Redis) goes away.
			io.disconnectSockets(true);
			workshopRoom.close();
			agenda.close();
			polls.close();
			wall.close();
			charter.close();
			opinion.close();
			nominations.close();
			facilitation.close();
			await new Promise<void>((resolve) => io.close(() => resolve()));
			await redis?.close();
		}
	};
}
