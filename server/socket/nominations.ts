// Nominations over socket.io: `nomination:propose` goes to the same service as
// `POST /api/polls/:id/proposals`. Facilitators receive the whole board on every change; the
// room receives only how many proposals there are (names stay private until the shortlist).
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import { isServiceError } from '../../src/lib/server/services/service-error';
import { answer } from './acks';
import { on } from './dispatch';
import type { PalabreServer, PalabreSocket } from './socket-types';
import { createLogger } from '../../src/lib/server/log';

const log = createLogger('nominations');

export function createNominationChannel(io: PalabreServer, app: App) {
	let closed = false;

	async function broadcast(workshopId: string, pollId: string) {
		try {
			const board = await app.polls.facilitatorBoard(pollId);
			if (closed) return;
			io.to(rooms.facilitators(workshopId)).emit('nomination:board', board);
			io.to(rooms.workshop(workshopId)).emit('nomination:count', {
				pollId,
				phase: board.phase,
				count: board.count
			});
		} catch (error) {
			if (!isServiceError(error)) log.error({ err: error, pollId }, 'could not broadcast');
		}
	}

	const onChanged = ({ workshopId, pollId }: { workshopId: string; pollId: string }) =>
		void broadcast(workshopId, pollId);
	app.events.on('nomination.changed', onChanged);

	return {
		register(socket: PalabreSocket) {
			const { user, locale } = socket.data;
			on(socket, 'nomination:propose', ({ pollId, ...proposal }, ack) =>
				answer(locale, ack, () => app.polls.propose(user, pollId, proposal))
			);
		},
		close() {
			closed = true;
			app.events.off('nomination.changed', onChanged);
		}
	};
}
