// A real socket.io client for a test "browser", carrying its cookies.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/events';
import type { HttpClient } from './http-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectAs(client: HttpClient): TestSocket {
	return io(client.baseUrl, {
		path: '/socket.io',
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
