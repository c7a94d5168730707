// Types shared by the socket.io handlers.
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/events';
import type { User } from '../../src/lib/server/repositories/users';
import type { Locale } from '../../src/lib/server/i18n';

export interface SocketData {
	user: User;
	locale: Locale;
}

export type PalabreServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;
export type PalabreSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;
