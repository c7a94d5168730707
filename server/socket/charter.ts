// The charter over socket.io (issue 13): every change (amendment proposed, vote outcome, status)
// is announced to the workshop's room as `charter:changed`; clients refetch through the API,
// which cuts what each member may see. A burst (a sequence of votes) sends one notice per interval.
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import type { PalabreServer } from './socket-types';

const NOTICE_MS = 100;

export function createCharterChannel(io: PalabreServer, app: App) {
	const timers = new Map<string, NodeJS.Timeout>();

	const onChanged = (e: { workshopId: string; documentId: string }) => {
		if (timers.has(e.documentId)) return;
		timers.set(
			e.documentId,
			setTimeout(() => {
				timers.delete(e.documentId);
				io.to(rooms.workshop(e.workshopId)).emit('charter:changed', { documentId: e.documentId });
			}, NOTICE_MS)
		);
	};
	app.events.on('charter.changed', onChanged);

	return {
		close() {
			app.events.off('charter.changed', onChanged);
			for (const timer of timers.values()) clearTimeout(timer);
			timers.clear();
		}
	};
}
