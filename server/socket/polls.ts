// Live votes over socket.io: `poll:vote` goes to the same service as the JSON API; state changes
// are broadcast at once, tallies at most every TALLY_INTERVAL_MS per poll. Counts leave only when
// the reveal policy lets every member see them (the domain gives no role an exception), so a
// hidden result never reaches a browser; a draft is shown to facilitators only.
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import { TALLY_INTERVAL_MS } from '../../src/lib/protocol/polls';
import { isServiceError } from '../../src/lib/server/services/service-error';
import { answer } from './acks';
import type { PalabreServer, PalabreSocket } from './socket-types';

export function createPollChannel(io: PalabreServer, app: App) {
	const pending = new Map<string, NodeJS.Timeout>();
	const lastSent = new Map<string, number>();
	let closed = false;

	async function broadcast(pollId: string) {
		if (closed) return;
		lastSent.set(pollId, Date.now());
		try {
			const { view, results } = await app.polls.liveSnapshot(pollId);
			if (closed) return;
			const workshopId = view.workshopId;
			// A nomination's draft is shown to members: they propose names before the vote opens.
			const target =
				view.status === 'draft' && view.method !== 'nomination'
					? rooms.facilitators(workshopId)
					: rooms.workshop(workshopId);
			io.to(target).emit('poll:state', view);
			if (!results.hidden) io.to(target).emit('poll:tally', results);
		} catch (error) {
			if (!isServiceError(error)) console.error('[polls] could not broadcast', pollId, error);
		}
	}

	/** At most one tally per interval per poll; a burst of ballots ends with one last, exact tally. */
	function throttle(pollId: string) {
		if (pending.has(pollId) || closed) return;
		const wait = Math.max(0, (lastSent.get(pollId) ?? 0) + TALLY_INTERVAL_MS - Date.now());
		pending.set(
			pollId,
			setTimeout(() => {
				pending.delete(pollId);
				void broadcast(pollId);
			}, wait)
		);
	}

	const onChanged = ({ pollId }: { pollId: string }) => {
		const timer = pending.get(pollId);
		if (timer) clearTimeout(timer);
		pending.delete(pollId);
		void broadcast(pollId);
	};
	const onBallots = ({ pollId }: { pollId: string }) => throttle(pollId);
	app.events.on('poll.changed', onChanged);
	app.events.on('poll.ballots', onBallots);

	return {
		register(socket: PalabreSocket) {
			const { user, locale } = socket.data;
			socket.on('poll:vote', (payload, ack) =>
				answer(locale, ack, () => {
					const pollId = typeof payload?.pollId === 'string' ? payload.pollId : '';
					return app.polls.castBallot(user, pollId, {
						ballotId: payload?.ballotId,
						choice: payload?.choice
					});
				})
			);
		},
		/** Called once the socket is in the workshop's room: polls (and visible counts) at once. */
		async greet(socket: PalabreSocket, workshopId: string) {
			try {
				const views = await app.polls.list(socket.data.user, workshopId);
				for (const view of views) {
					if (!socket.connected) return;
					socket.emit('poll:state', view);
					if (view.status === 'draft') continue;
					const { results } = await app.polls.liveSnapshot(view.id);
					if (!results.hidden && socket.connected) socket.emit('poll:tally', results);
				}
			} catch (error) {
				console.error('[polls] could not greet', error);
			}
		},
		close() {
			closed = true;
			app.events.off('poll.changed', onChanged);
			app.events.off('poll.ballots', onBallots);
			for (const timer of pending.values()) clearTimeout(timer);
			pending.clear();
		}
	};
}
