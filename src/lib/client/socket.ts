// The browser's socket.io connection, typed with the shared wire contract.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/protocol/events';

export type PalabreClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * `websocketFirst`: open a WebSocket straight away instead of long-polling first and upgrading
 * (the default), which saves the first load a handful of HTTP requests and round trips; where
 * WebSockets are blocked the client still falls back to long-polling (`tryAllTransports`).
 */
export function connectSocket(options: { websocketFirst?: boolean } = {}): PalabreClientSocket {
	return io({
		path: '/socket.io',
		withCredentials: true,
		reconnectionDelayMax: 5000,
		...(options.websocketFirst
			? { transports: ['websocket', 'polling'], tryAllTransports: true }
			: {})
	});
}
