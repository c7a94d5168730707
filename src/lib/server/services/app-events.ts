// In-process notifications from services to the realtime layer (socket.io, /collab). The realtime
// layer turns them into room broadcasts, which the Redis adapter carries to other instances.
import { EventEmitter } from 'node:events';
import type { AgendaView } from '../../domain/agenda';
import type { QueueView, ReactionsState } from '../../protocol/facilitation';
import type { BallotChannel, NormalizedChoice } from '../../domain/poll-types';

/** What a ballot batch added to a poll's tally: enough for another instance to add it too. */
export interface BallotDelta {
	added: NormalizedChoice[];
	replaced: [before: NormalizedChoice, after: NormalizedChoice][];
	/** How many of `added` came by each channel (absent: all from the web). */
	channels?: Partial<Record<BallotChannel, number>>;
}

export interface AppEventMap {
	'members.changed': [{ workshopId: string }];
	'member.removed': [{ workshopId: string; memberId: string; userId: string }];
	'member.role': [{ workshopId: string; memberId: string; userId: string; role: string }];
	'agenda.changed': [{ workshopId: string; view: AgendaView }];
	/** A round ended (bell, finish, or moved on while running): documents and polls apply `effects`. */
	'agenda.roundEnded': [
		{
			workshopId: string;
			itemId: string;
			effects: { lockDocumentId?: string; closePollId?: string };
		}
	];
	/** A poll was created or changed state (opened, closed, revealed…): broadcast it at once. */
	'poll.changed': [{ workshopId: string; pollId: string }];
	/**
	 * Ballots committed in a poll (`delta`), or counted-in-room entries added (no delta): the
	 * realtime layer sends a throttled tally and tells the other instances.
	 */
	'poll.ballots': [{ workshopId: string; pollId: string; delta?: BallotDelta }];
	/** A nomination's proposals changed (proposed, merged, shortlisted): facilitators refetch. */
	'nomination.changed': [{ workshopId: string; pollId: string }];
	'queue.changed': [{ workshopId: string; view: QueueView }];
	'queue.reacted': [ReactionsState];
	/**
	 * An idea wall's dots, settings or moderation changed: clients refetch their own view. Only
	 * the actor and facilitators hear of a dot before the reveal (`userId` set).
	 */
	'wall.changed': [{ workshopId: string; documentId: string; userId: string | null }];
	/** A charter's articles, amendments, votes or settings changed: clients refetch. */
	'charter.changed': [{ workshopId: string; documentId: string }];
	/** An opinion map's statements or settings changed: the room refetches the map (issue #16). */
	'opinion.changed': [{ workshopId: string; mapId: string; statementCount: number }];
	/** A new analysis of an opinion map (throttled): each client refetches its own view of it. */
	'opinion.analysis': [{ workshopId: string; mapId: string; version: number }];
}

export type AppEvents = EventEmitter<AppEventMap>;

export function createAppEvents(): AppEvents {
	const events = new EventEmitter<AppEventMap>();
	events.setMaxListeners(50);
	return events;
}

/** Who is connected right now; implemented by the realtime layer once it is attached. */
export interface PresenceSource {
	presentUserIds(workshopId: string): Promise<Set<string>>;
}

export function createPresencePort() {
	let source: PresenceSource | null = null;
	return {
		attach(impl: PresenceSource) {
			source = impl;
		},
		presentUserIds(workshopId: string): Promise<Set<string>> {
			return source ? source.presentUserIds(workshopId) : Promise.resolve(new Set());
		}
	};
}

export type PresencePort = ReturnType<typeof createPresencePort>;
