// Live votes over socket.io: `poll:vote` goes to the same service as the JSON API; state changes
// are broadcast at once, tallies at most every TALLY_INTERVAL_MS per poll. Counts leave only when
// the reveal policy lets every member see them (the domain gives no role an exception), so a
// hidden result never reaches a browser; a draft is shown to facilitators only.
//
// Several instances (REDIS_URL): a state change is broadcast through the adapter by the instance
// that made it; ballots are not. Each instance tells the others what its ballots added (a delta,
// `poll:peer`), and each sends the throttled tally to its own phones only, so a phone gets at
// most one tally per interval and every instance's tally holds every instance's ballots.
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import { TALLY_INTERVAL_MS } from '../../src/lib/protocol/polls';
import { isServiceError } from '../../src/lib/server/services/service-error';
import { answer } from './acks';
import { on } from './dispatch';
import { emitToLocalRoom } from './local-fan-out';
import type { PalabreServer, PalabreSocket } from './socket-types';
import type { PeerPollMessage } from '../../src/lib/server/services/polls';
import type { AppEventMap } from '../../src/lib/server/services/app-events';
import { createLogger } from '../../src/lib/server/log';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';

const log = createLogger('polls');

/** See `resync`. */
const RESYNC_DELAY_MS = 2_000;

export function createPollChannel(io: PalabreServer, app: App, options: { peers: boolean }) {
	let closed = false;
	/** At most one tally per interval per poll; a burst of ballots ends with one last, exact tally. */
	const tallies = createKeyedThrottle<string>({
		intervalMs: TALLY_INTERVAL_MS,
		clock: systemClock,
		run: (pollId) => void broadcast(pollId, 'ballots')
	});

	/**
	 * `changed` (status, reveal, options…) sends the view and the visible tally. `ballots` sends
	 * one message per member, not two: the tally alone when it is visible (it carries the
	 * participation count too), else the view for its "37 / 50". At 5,000 phones the socket
	 * writes are most of a burst's CPU, so halving them shortens every ballot's wait.
	 */
	async function broadcast(pollId: string, reason: 'changed' | 'ballots') {
		if (closed) return;
		try {
			const { view, results } = await app.polls.liveSnapshot(pollId);
			if (closed) return;
			const workshopId = view.workshopId;
			// A nomination's draft is shown to members: they propose names before the vote opens.
			const target =
				view.status === 'draft' && view.method !== 'nomination'
					? rooms.facilitators(workshopId)
					: rooms.workshop(workshopId);
			if (reason === 'changed') {
				io.to(target).emit('poll:state', view);
				if (!results.hidden) io.to(target).emit('poll:tally', results);
			} else if (results.hidden) await emitToLocalRoom(io, target, 'poll:state', view);
			else await emitToLocalRoom(io, target, 'poll:tally', results);
		} catch (error) {
			if (!isServiceError(error)) log.error({ err: error, pollId }, 'could not broadcast');
		}
	}

	const tellPeers = (message: PeerPollMessage) => {
		if (options.peers) io.serverSideEmit('poll:peer', message);
	};
	const onChanged = ({ pollId, workshopId }: AppEventMap['poll.changed'][0]) => {
		// The full state (tally included) leaves now: a tally waiting for the interval is stale.
		tallies.ranNow(pollId);
		void broadcast(pollId, 'changed');
		tellPeers({ pollId, workshopId, kind: 'changed' });
	};
	const onBallots = ({ pollId, workshopId, delta }: AppEventMap['poll.ballots'][0]) => {
		tallies.call(pollId);
		tellPeers({ pollId, workshopId, kind: 'ballots', ...(delta ? { delta } : {}) });
	};
	app.events.on('poll.changed', onChanged);
	app.events.on('poll.ballots', onBallots);
	// Another instance's news: its own broadcast reached every phone for a state change; for
	// ballots, this instance's phones get their tally from here.
	io.on('poll:peer', (message) => {
		if (closed || typeof message?.pollId !== 'string') return;
		app.polls
			.syncFromPeer(message)
			.then((held) => {
				if (held && message.kind === 'ballots') tallies.call(message.pollId);
			})
			.catch((error) => log.error({ err: error, pollId: message.pollId }, 'peer message failed'));
	});

	return {
		register(socket: PalabreSocket) {
			const { user, locale } = socket.data;
			on(socket, 'poll:vote', ({ pollId, ballotId, choice, forMember }, ack) => {
				const receivedAt = performance.now();
				return answer(locale, ack, async () => {
					const ballot = await app.polls.castBallot(user, pollId, {
						ballotId,
						choice,
						...(forMember ? { forMember } : {})
					});
					app.metrics.ballotAcknowledged(receivedAt);
					return ballot;
				});
			});
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
				log.error({ err: error }, 'could not greet');
			}
		},
		/**
		 * Redis came back after a drop: tallies read again, and sent to this instance's phones.
		 * After a pause, so that the peers' messages queued during the drop (sent on their own
		 * reconnection) are applied first: a delta applied after the reload would count twice.
		 */
		resync() {
			const timer = setTimeout(() => {
				if (closed) return;
				for (const pollId of app.polls.reloadAll()) tallies.call(pollId);
			}, RESYNC_DELAY_MS);
			timer.unref();
		},
		close() {
			closed = true;
			app.events.off('poll.changed', onChanged);
			app.events.off('poll.ballots', onBallots);
			tallies.dispose();
		}
	};
}
