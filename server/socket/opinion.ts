// The carte des opinions over socket.io (issue #16): notices only, never votes. `opinion:changed`
// when statements or settings change (a burst of statements sends one per interval), and
// `opinion:analysis` after each throttled recomputation; clients refetch through the API, where
// each gets its own view (its own point marked, nobody else's votes).
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import type { PalabreServer } from './socket-types';

const NOTICE_MS = 150;

export function createOpinionChannel(io: PalabreServer, app: App) {
	const timers = new Map<string, NodeJS.Timeout>();
	const latestCount = new Map<string, number>();

	const onChanged = (e: { workshopId: string; mapId: string; statementCount: number }) => {
		latestCount.set(e.mapId, e.statementCount);
		if (timers.has(e.mapId)) return;
		timers.set(
			e.mapId,
			setTimeout(() => {
				timers.delete(e.mapId);
				const statementCount = latestCount.get(e.mapId) ?? e.statementCount;
				latestCount.delete(e.mapId);
				io.to(rooms.workshop(e.workshopId)).emit('opinion:changed', {
					mapId: e.mapId,
					statementCount
				});
			}, NOTICE_MS)
		);
	};
	// Already throttled by the service (≤ 1 per 2 s per map).
	const onAnalysis = (e: { workshopId: string; mapId: string; version: number }) => {
		io.to(rooms.workshop(e.workshopId)).emit('opinion:analysis', {
			mapId: e.mapId,
			version: e.version
		});
	};
	app.events.on('opinion.changed', onChanged);
	app.events.on('opinion.analysis', onAnalysis);

	return {
		close() {
			app.events.off('opinion.changed', onChanged);
			app.events.off('opinion.analysis', onAnalysis);
			for (const timer of timers.values()) clearTimeout(timer);
			timers.clear();
		}
	};
}
