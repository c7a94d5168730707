// The browser's socket.io connection, typed with the shared wire contract.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/protocol/events';

export type PalabreClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(): PalabreClientSocket {
	return io({ path: '/socket.io', withCredentials: true, reconnectionDelayMax: 5000 });
}
