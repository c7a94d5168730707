// Entering a workshop's room, presence for the facilitator's live member list, and the effects
// of role changes and removals on connected sockets.
import type { App } from '../../src/lib/server/app';
import { rooms } from '../../src/lib/protocol/events';
import { answer } from './acks';
import { on } from './dispatch';
import type { PalabreServer, PalabreSocket } from './socket-types';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';

/** Presence bursts (a room of 50 arriving at once) collapse into one notice per workshop. */
const MEMBERS_NOTICE_DELAY_MS = 300;

/** How often the number of live instances is looked at (REDIS_URL; see `instanceWatch`). */
const INSTANCE_WATCH_MS = 1_000;

/** How long presence waits for the other instances' answers. */
const PRESENCE_TIMEOUT_MS = 2_000;

/** Lets other channels greet a socket that just entered (e.g. the agenda's current state). */
export type OnEnter = (socket: PalabreSocket, workshopId: string) => void;

export function createWorkshopRoom(io: PalabreServer, app: App, onEnter: OnEnter[] = []) {
	// Sockets disconnected during shutdown must not schedule a notice after the adapter closed:
	// once disposed (close), the throttle ignores calls.
	const notices = createKeyedThrottle<string>({
		intervalMs: MEMBERS_NOTICE_DELAY_MS,
		clock: systemClock,
		leading: false,
		run: (workshopId) =>
			io.to(rooms.facilitators(workshopId)).emit('members:changed', { workshopId })
	});
	const noticeMembersChanged = (workshopId: string) => notices.call(workshopId);

	const onMembersChanged = ({ workshopId }: { workshopId: string }) =>
		noticeMembersChanged(workshopId);
	const onRemoved = ({ workshopId, userId }: { workshopId: string; userId: string }) => {
		const theirs = io.in(rooms.user(userId));
		theirs.emit('member:removed', { workshopId });
		theirs.socketsLeave([rooms.workshop(workshopId), rooms.facilitators(workshopId)]);
	};
	const onRole = (e: { workshopId: string; userId: string; role: string }) => {
		const theirs = io.in(rooms.user(e.userId));
		theirs.emit('member:role', { workshopId: e.workshopId, role: e.role as never });
		if (e.role === 'facilitator') theirs.socketsJoin(rooms.facilitators(e.workshopId));
		else theirs.socketsLeave(rooms.facilitators(e.workshopId));
	};
	app.events.on('members.changed', onMembersChanged);
	app.events.on('member.removed', onRemoved);
	app.events.on('member.role', onRole);

	// Several instances: one that dies says nothing, its sockets just stop answering. Once the
	// adapter stops counting it (no heartbeat for HEARTBEAT_TIMEOUT_MS), this instance tells its
	// own facilitators to refetch: that instance's members are absent from then on.
	let instances = 1;
	const instanceWatch = setInterval(() => {
		Promise.resolve(io.of('/').adapter.serverCount())
			.then((count) => {
				const lost = count < instances;
				instances = count;
				if (!lost || closed) return;
				for (const room of io.of('/').adapter.rooms.keys()) {
					const match = /^w:([0-9a-f-]{36}):fac$/.exec(room);
					if (match) io.local.to(room).emit('members:changed', { workshopId: match[1] });
				}
			})
			.catch(() => undefined);
	}, INSTANCE_WATCH_MS);
	instanceWatch.unref();

	app.presence.attach({
		async presentUserIds(workshopId) {
			// fetchSockets goes through the adapter, so with Redis it sees every instance's sockets.
			// An instance that just died is still waited for until its heartbeats are overdue:
			// meanwhile this instance answers with its own sockets rather than an error.
			const room = rooms.workshop(workshopId);
			const sockets = await io
				.in(room)
				.timeout(PRESENCE_TIMEOUT_MS)
				.fetchSockets()
				.catch(() => io.local.in(room).fetchSockets());
			return new Set(sockets.map((s) => s.data.user.id));
		}
	});

	return {
		register(socket: PalabreSocket) {
			const { user, locale } = socket.data;
			void socket.join(rooms.user(user.id));

			on(socket, 'workshop:enter', ({ workshopId }, ack) =>
				answer(locale, ack, async () => {
					const { member } = await app.workshops.requireAccess(user, 'workshop.read', {
						workshopId
					});
					await socket.join(rooms.workshop(workshopId));
					if (member.role === 'facilitator') await socket.join(rooms.facilitators(workshopId));
					noticeMembersChanged(workshopId);
					for (const greet of onEnter) greet(socket, workshopId);
					return {
						workshopId,
						memberId: member.id,
						role: member.role,
						displayName: member.displayName,
						serverNow: Date.now()
					};
				})
			);

			on(socket, 'time:sync', (_sentAt, ack) => ack(Date.now()));

			socket.on('disconnecting', () => {
				for (const room of socket.rooms) {
					const match = /^w:([0-9a-f-]{36})$/.exec(room);
					if (match) noticeMembersChanged(match[1]);
				}
			});
		},
		close() {
			notices.dispose();
			closed = true;
			clearInterval(instanceWatch);
			app.events.off('members.changed', onMembersChanged);
			app.events.off('member.removed', onRemoved);
			app.events.off('member.role', onRole);
		}
	};
}
