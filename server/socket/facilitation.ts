// The speaking queue, reactions and the projector's head count over socket.io. Intents go to the
// same services as the JSON API; every change is broadcast once to the workshop's room.
import type { App } from '../../src/lib/server/app';
import type { QueueView, ReactionsState } from '../../src/lib/protocol/facilitation';
import { rooms } from '../../src/lib/protocol/events';
import { answer } from './acks';
import { on } from './dispatch';
import type { PalabreServer, PalabreSocket } from './socket-types';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';
import { createLogger } from '../../src/lib/server/log';

const log = createLogger('facilitation');

/** A room of 50 thumbs up in a second becomes a few messages, not 50 × 50. */
const REACTIONS_NOTICE_MS = 250;
/** Arrivals in bursts (everyone scans the QR at once) collapse into one count for the projector. */
const PRESENCE_NOTICE_MS = 500;

export function createFacilitationChannel(io: PalabreServer, app: App) {
	/** Per workshop: the latest reactions leave at the end of the interval. */
	const reactions = createKeyedThrottle<string, ReactionsState>({
		intervalMs: REACTIONS_NOTICE_MS,
		clock: systemClock,
		leading: false,
		run: (workshopId, latest) => io.to(rooms.workshop(workshopId)).emit('reactions:state', latest)
	});
	const presence = createKeyedThrottle<string>({
		intervalMs: PRESENCE_NOTICE_MS,
		clock: systemClock,
		leading: false,
		run: (workshopId) => void sendPresence(workshopId)
	});

	const onQueue = ({ workshopId, view }: { workshopId: string; view: QueueView }) => {
		io.to(rooms.workshop(workshopId)).emit('queue:state', { ...view, workshopId });
	};
	const onReacted = (state: ReactionsState) => reactions.call(state.workshopId, state);
	app.events.on('queue.changed', onQueue);
	app.events.on('queue.reacted', onReacted);

	async function presentCount(workshopId: string) {
		return (await app.presence.presentUserIds(workshopId)).size;
	}

	async function sendPresence(workshopId: string) {
		try {
			const screens = io.to(rooms.screens(workshopId));
			if ((await io.in(rooms.screens(workshopId)).fetchSockets()).length === 0) return;
			screens.emit('presence:count', { workshopId, present: await presentCount(workshopId) });
		} catch (error) {
			// A Redis blip must not become an unhandled rejection; the next change resends.
			log.error({ err: error }, 'presence notice failed');
		}
	}
	const noticePresence = (workshopId: string) => presence.call(workshopId);

	return {
		register(socket: PalabreSocket) {
			const { user, locale } = socket.data;
			const queue = app.queue;
			const withState = (workshopId: string, view: QueueView) => ({ ...view, workshopId });

			on(socket, 'queue:raise', ({ workshopId, forMember }, ack) =>
				answer(locale, ack, async () =>
					withState(workshopId, await queue.raise(user, workshopId, { forMember }))
				)
			);
			on(socket, 'queue:lower', ({ workshopId, memberId }, ack) =>
				answer(locale, ack, async () =>
					withState(workshopId, await queue.lower(user, workshopId, { memberId }))
				)
			);
			on(socket, 'queue:give_floor', ({ workshopId, memberId }, ack) =>
				answer(locale, ack, async () =>
					withState(workshopId, await queue.giveFloor(user, workshopId, { memberId }))
				)
			);
			on(socket, 'queue:end_turn', ({ workshopId }, ack) =>
				answer(locale, ack, async () =>
					withState(workshopId, await queue.endTurn(user, workshopId))
				)
			);
			on(socket, 'queue:priority', ({ workshopId, on: priority }, ack) =>
				answer(locale, ack, async () =>
					withState(workshopId, await queue.setPriority(user, workshopId, { on: priority }))
				)
			);
			on(socket, 'queue:react', ({ workshopId, reaction }, ack) =>
				answer(locale, ack, () => queue.react(user, workshopId, { reaction }))
			);
			on(socket, 'screen:watch', ({ workshopId }, ack) =>
				answer(locale, ack, async () => {
					await app.workshops.requireAccess(user, 'workshop.read', { workshopId });
					await socket.join(rooms.screens(workshopId));
					return { present: await presentCount(workshopId) };
				})
			);
			socket.on('disconnecting', () => {
				for (const room of socket.rooms) {
					const match = /^w:([0-9a-f-]{36})$/.exec(room);
					if (match) noticePresence(match[1]);
				}
			});
		},
		/** Called once the socket is in the workshop's room: the queue and reactions at once. */
		async greet(socket: PalabreSocket, workshopId: string) {
			noticePresence(workshopId);
			try {
				const [view, reactions] = await Promise.all([
					app.queue.get(socket.data.user, workshopId),
					app.queue.reactions(socket.data.user, workshopId)
				]);
				if (!socket.connected) return;
				socket.emit('queue:state', { ...view, workshopId });
				if (reactions.recent.length > 0) socket.emit('reactions:state', reactions);
			} catch (error) {
				log.error({ err: error }, 'could not send the queue on entry');
			}
		},
		close() {
			app.events.off('queue.changed', onQueue);
			app.events.off('queue.reacted', onReacted);
			reactions.dispose();
			presence.dispose();
		}
	};
}

export type FacilitationChannel = ReturnType<typeof createFacilitationChannel>;
