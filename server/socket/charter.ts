// The charter over socket.io: every change (amendment proposed, vote outcome, status)
// is announced to the workshop's room as `charter:changed`; clients refetch through the API,
// which cuts what each member may see. A burst (a sequence of votes) sends one notice per interval.
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import type { PalabreServer } from './socket-types';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';

const NOTICE_MS = 100;

export function createCharterChannel(io: PalabreServer, app: App) {
	/** Per charter, carrying its workshop. */
	const notices = createKeyedThrottle<string, string>({
		intervalMs: NOTICE_MS,
		clock: systemClock,
		leading: false,
		run: (documentId, workshopId) =>
			io.to(rooms.workshop(workshopId)).emit('charter:changed', { documentId })
	});

	const onChanged = (e: { workshopId: string; documentId: string }) =>
		notices.call(e.documentId, e.workshopId);
	app.events.on('charter.changed', onChanged);

	return {
		close() {
			app.events.off('charter.changed', onChanged);
			notices.dispose();
		}
	};
}
