// Idea walls over socket.io: `wall:dot` and `wall:moderate` go to the same service as the JSON
// API. Changes are announced as `wall:changed` with no dots in it: each client refetches its own
// view, which the service cuts to what that member may see (own dots only before the reveal).
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import { answer } from './acks';
import { on } from './dispatch';
import type { PalabreServer, PalabreSocket } from './socket-types';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';

/** A room placing dots in a burst gets one refetch signal per wall per interval, not one per dot. */
const NOTICE_MS = 250;

export function createWallChannel(io: PalabreServer, app: App) {
	/** Per wall, carrying its workshop. */
	const notices = createKeyedThrottle<string, string>({
		intervalMs: NOTICE_MS,
		clock: systemClock,
		leading: false,
		run: (documentId, workshopId) =>
			io.to(rooms.workshop(workshopId)).emit('wall:changed', { documentId })
	});

	const onChanged = (e: { workshopId: string; documentId: string; userId: string | null }) => {
		const payload = { documentId: e.documentId };
		if (e.userId) {
			// Before the reveal a dot concerns its owner (their counter) and the facilitators.
			io.to([rooms.user(e.userId), rooms.facilitators(e.workshopId)]).emit('wall:changed', payload);
			return;
		}
		notices.call(e.documentId, e.workshopId);
	};
	app.events.on('wall.changed', onChanged);

	return {
		register(socket: PalabreSocket) {
			const { user, locale } = socket.data;
			on(socket, 'wall:dot', ({ documentId, ...intent }, ack) =>
				answer(locale, ack, () => app.ideaWall.dot(user, documentId, intent))
			);
			on(socket, 'wall:moderate', ({ documentId, command, ...target }, ack) =>
				answer(locale, ack, () => app.ideaWall.moderate(user, documentId, command, target))
			);
		},
		close() {
			app.events.off('wall.changed', onChanged);
			notices.dispose();
		}
	};
}
