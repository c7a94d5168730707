// The socket.io wire contract, typed for both ends. Each area adds its events here; clients send
// intents and receive an Ack, the server decides.
import type { WireError } from './errors';
import type { MemberRole } from '../domain/workshop';
import type { AgendaView } from '../domain/agenda';
import type { PollResults, PollView } from './polls';
import type { NominationBoard } from './nominations';
import type { NominationPhase } from '../domain/poll-types';
import type { QueueState, ReactionsState } from './facilitation';
import type { OpinionAnalysisReady, OpinionChanged } from './opinion';

export type Ack<T = null> = { ok: true; data: T } | { ok: false; error: WireError };
export type AckFn<T = null> = (response: Ack<T>) => void;

export interface WorkshopJoined {
	workshopId: string;
	memberId: string;
	role: MemberRole;
	displayName: string;
	serverNow: number;
}

/** Run-mode intents, the same for `POST /api/workshops/:id/agenda/<command>` and socket.io. */
export const AGENDA_COMMANDS = [
	'start',
	'pause',
	'resume',
	'next',
	'previous',
	'finish',
	'extend'
] as const;
export type AgendaCommand = (typeof AGENDA_COMMANDS)[number];

/** The agenda as `GET /api/workshops/:id/agenda` returns it, tagged with its workshop. */
export type AgendaState = AgendaView & { workshopId: string };

/**
 * Client→server events: each one's payload type is inferred from its zod schema, which the server
 * applies before any handler runs (client-events.ts).
 */
export type { ClientToServerEvents } from './client-events';

/** Why the server ended a connection's session (its sockets close right after saying so). */
export type SessionEndReason = 'signed_out' | 'expired' | 'disabled' | 'ended';

export interface ServerToClientEvents {
	/** To facilitators: the member list or presence changed; refetch it. */
	'members:changed': (payload: { workshopId: string }) => void;
	/**
	 * The session behind this socket ended (signed out, expired, account disabled): sent just
	 * before the server disconnects it; `message` is translated. The client must not reconnect.
	 */
	'session:ended': (payload: { reason: SessionEndReason; message: string }) => void;
	/** To the member concerned. */
	'member:removed': (payload: { workshopId: string }) => void;
	'member:role': (payload: { workshopId: string; role: MemberRole }) => void;
	/**
	 * To the workshop's room on every change (never per second: clients count down from `endsAt`),
	 * and to a socket right after it enters the workshop.
	 */
	'agenda:state': (payload: AgendaState) => void;
	/** To the room on every queue change, and to a socket right after it enters. */
	'queue:state': (payload: QueueState) => void;
	/** To the room, at most a few times per second however many people react. */
	'reactions:state': (payload: ReactionsState) => void;
	/** To projectors (`screen:watch`) when people connect or leave. */
	'presence:count': (payload: { workshopId: string; present: number }) => void;
	/** A poll's question, options, status and participation ("37 / 50"); never counts. */
	'poll:state': (payload: PollView) => void;
	/**
	 * Counts, throttled (≤ 5/s per poll), and only while the reveal policy lets members see them.
	 * After new ballots a visible tally comes alone (no `poll:state`): its `totalBallots` and
	 * `eligible` are the poll's participation count.
	 */
	'poll:tally': (payload: PollResults) => void;
	/** An idea wall's dots or settings changed: refetch `GET /api/documents/:id/wall` (no dots here). */
	'wall:changed': (payload: { documentId: string }) => void;
	/** A charter's articles, amendments or votes changed: refetch `GET /api/documents/:id/articles`. */
	'charter:changed': (payload: { documentId: string }) => void;
	/** To facilitators on every proposal, merge or shortlist: the whole board. */
	'nomination:board': (payload: NominationBoard) => void;
	/** To the room: how many names were put forward (the names stay with the facilitators). */
	'nomination:count': (payload: { pollId: string; phase: NominationPhase; count: number }) => void;
	/** Opinion map: statements added or moderated, or the map's settings changed; refetch it. */
	'opinion:changed': (payload: OpinionChanged) => void;
	/**
	 * Opinion map: a new analysis (throttled, ≤ 1 per 2 s, only after new votes). No votes here:
	 * each client GETs `/api/opinion-maps/:id/analysis`, which marks its own point only.
	 */
	'opinion:analysis': (payload: OpinionAnalysisReady) => void;
}

export const rooms = {
	workshop: (workshopId: string) => `w:${workshopId}`,
	facilitators: (workshopId: string) => `w:${workshopId}:fac`,
	user: (userId: string) => `u:${userId}`,
	screens: (workshopId: string) => `w:${workshopId}:screen`
} as const;
