// Sends one event to this instance's sockets in a room, a slice at a time. socket.io's broadcast
// writes to every socket in one synchronous loop: with 5,000 phones that is tens of milliseconds
// in which no ballot's database reply is read. Slices with a turn of the event loop between them
// let the ballots through, at the price of encoding the payload once per slice.
import type { ServerToClientEvents } from '../../src/lib/protocol/events';
import type { PalabreServer } from './socket-types';

const SLICE = 500;

export async function emitToLocalRoom<E extends keyof ServerToClientEvents>(
	io: PalabreServer,
	room: string,
	event: E,
	...args: Parameters<ServerToClientEvents[E]>
): Promise<void> {
	const members = io.of('/').adapter.rooms.get(room);
	if (!members || members.size === 0) return;
	if (members.size <= SLICE) {
		io.local.to(room).emit(event, ...args);
		return;
	}
	const ids = [...members];
	for (let start = 0; start < ids.length; start += SLICE) {
		if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
		io.local.to(ids.slice(start, start + SLICE)).emit(event, ...args);
	}
}
