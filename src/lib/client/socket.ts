// The browser's socket.io connection, typed with the shared wire contract.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/protocol/events';
import { PROTOCOL_PARAM, PROTOCOL_VERSION } from '$lib/protocol/version';
import { watchProtocolRefusal } from './protocol-status.svelte';

export type PalabreClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * `websocketFirst`: open a WebSocket straight away instead of long-polling first and upgrading
 * (the default), which saves the first load a handful of HTTP requests and round trips; where
 * WebSockets are blocked the client still falls back to long-polling (`tryAllTransports`).
 */
export function connectSocket(options: { websocketFirst?: boolean } = {}): PalabreClientSocket {
	const socket: PalabreClientSocket = io({
		path: '/socket.io',
		withCredentials: true,
		// Checked first at every handshake (server/socket/protocol-version.ts).
		auth: { [PROTOCOL_PARAM]: PROTOCOL_VERSION },
		reconnectionDelayMax: 5000,
		...(options.websocketFirst
			? { transports: ['websocket', 'polling'], tryAllTransports: true }
			: {})
	});
	watchProtocolRefusal(socket);
	return socket;
}
