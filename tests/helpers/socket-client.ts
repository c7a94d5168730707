// A real socket.io client for a test "browser", carrying its cookies.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/events';
import type { HttpClient } from './http-client';
import { PROTOCOL_PARAM, PROTOCOL_VERSION } from '../../src/lib/protocol/version';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The handshake's `auth` of a current client (see src/lib/protocol/version.ts). */
export const CURRENT_AUTH = { [PROTOCOL_PARAM]: PROTOCOL_VERSION };

export function connectAs(
	client: HttpClient,
	options: { auth?: Record<string, unknown> } = {}
): TestSocket {
	return io(client.baseUrl, {
		path: '/socket.io',
		auth: options.auth ?? CURRENT_AUTH,
		transports: ['websocket'],
		extraHeaders: { cookie: client.cookieHeader },
		reconnection: false,
		forceNew: true
	});
}

export function connected(socket: TestSocket): Promise<void> {
	return new Promise((resolve, reject) => {
		if (socket.connected) return resolve();
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
}

export function nextEvent<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve) => {
		socket.once(event, ((payload: unknown) => resolve(payload as never)) as never);
	});
}
