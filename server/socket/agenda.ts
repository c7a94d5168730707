// Run mode over socket.io: facilitators' intents go to the same agenda service as the JSON API,
// and every change is broadcast once to the workshop's room (clients count down on their own).
import type { App } from '../../src/lib/server/app';
import type { AgendaView } from '../../src/lib/domain/agenda';
import { rooms } from '../../src/lib/protocol/events';
import { answer } from './acks';
import { on } from './dispatch';
import type { PalabreServer, PalabreSocket } from './socket-types';
import { createLogger } from '../../src/lib/server/log';

const log = createLogger('agenda');

export function createAgendaChannel(io: PalabreServer, app: App) {
	const onChanged = ({ workshopId, view }: { workshopId: string; view: AgendaView }) => {
		io.to(rooms.workshop(workshopId)).emit('agenda:state', { ...view, workshopId });
	};
	app.events.on('agenda.changed', onChanged);

	return {
		register(socket: PalabreSocket) {
			const { user, locale } = socket.data;
			on(socket, 'agenda:command', ({ workshopId, command, seconds }, ack) =>
				answer(locale, ack, async () => {
					const view = await app.agenda.command(user, workshopId, command, { seconds });
					return { ...view, workshopId };
				})
			);
		},
		/** Called once the socket is in the workshop's room: late joiners see the current round at once. */
		async sendState(socket: PalabreSocket, workshopId: string) {
			try {
				const view = await app.agenda.get(socket.data.user, workshopId);
				if (socket.connected) socket.emit('agenda:state', { ...view, workshopId });
			} catch (error) {
				log.error({ err: error }, 'could not send the state on entry');
			}
		},
		close() {
			app.events.off('agenda.changed', onChanged);
		}
	};
}

export type AgendaChannel = ReturnType<typeof createAgendaChannel>;
