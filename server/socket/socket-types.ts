// Types shared by the socket.io handlers.
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/events';
import type { User } from '../../src/lib/server/repositories/users';
import type { Locale } from '../../src/lib/server/i18n';
import type { PeerPollMessage } from '../../src/lib/server/services/polls';

/** Between instances (through the Redis adapter's `serverSideEmit`), never to or from a browser. */
export interface PeerEvents {
	'poll:peer': (message: PeerPollMessage) => void;
}

export interface SocketData {
	user: User;
	locale: Locale;
	/** The session (hashed token) the handshake was made with: it ends the socket when it ends. */
	session: { id: string; expiresAt: Date };
}

export type PalabreServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	PeerEvents,
	SocketData
>;
export type PalabreSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	PeerEvents,
	SocketData
>;
