// The socket.io wire contract, typed for both ends. Each area adds its events here; clients send
// intents and receive an Ack, the server decides.
import type { WireError } from './errors';
import type { MemberRole } from '../domain/workshop';
import type { AgendaView } from '../domain/agenda';
import type { BallotIntent, BallotReceipt, PollResults, PollView } from './polls';
import type { NominationBoard, ProposalIntent, ProposalView } from './nominations';
import type { NominationPhase } from '../domain/poll-types';
import type { Reaction } from '../domain/speaking-queue';
import type { QueueState, ReactionsState } from './facilitation';
import type { WallModeration } from '../domain/wall-schemas';
import type { WallView } from './wall';
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

export interface ClientToServerEvents {
	/** Enter a workshop's room; the server checks the session's membership. */
	'workshop:enter': (payload: { workshopId: string }, ack: AckFn<WorkshopJoined>) => void;
	/** NTP-style sample for the client's clock offset (timers render from server time). */
	'time:sync': (clientSentAt: number, ack: (serverNow: number) => void) => void;
	/** Facilitators only; `seconds` for `extend`. Answers the new state (also broadcast). */
	'agenda:command': (
		payload: { workshopId: string; command: AgendaCommand; seconds?: number },
		ack: AckFn<AgendaState>
	) => void;
	/** Speaking queue: raise one's hand; lower it, or (facilitators) take `memberId` out of it. */
	'queue:raise': (payload: { workshopId: string }, ack: AckFn<QueueState>) => void;
	'queue:lower': (
		payload: { workshopId: string; memberId?: string },
		ack: AckFn<QueueState>
	) => void;
	/** Facilitators: to `memberId`, or to the head of the queue; a running turn ends first. */
	'queue:give_floor': (
		payload: { workshopId: string; memberId?: string },
		ack: AckFn<QueueState>
	) => void;
	'queue:end_turn': (payload: { workshopId: string }, ack: AckFn<QueueState>) => void;
	/** Facilitators: « priorité aux premières prises de parole ». */
	'queue:priority': (payload: { workshopId: string; on: boolean }, ack: AckFn<QueueState>) => void;
	'queue:react': (
		payload: { workshopId: string; reaction: Reaction },
		ack: AckFn<ReactionsState>
	) => void;
	/** The projector: also receive `presence:count` (kept off phones, which do not show it). */
	'screen:watch': (payload: { workshopId: string }, ack: AckFn<{ present: number }>) => void;
	/** Casts a ballot; the same service as `POST /api/polls/:id/ballots`, acked after commit. */
	'poll:vote': (payload: BallotIntent, ack: AckFn<BallotReceipt>) => void;
	/** Idea wall: one dot more (`delta` 1) or less (-1); the same service as the JSON API. */
	'wall:dot': (
		payload: { documentId: string; cardId: string; delta: 1 | -1 },
		ack: AckFn<WallView>
	) => void;
	/** Idea wall, facilitators: hide, unhide, or merge `cardId` into `targetId`. */
	'wall:moderate': (
		payload: { documentId: string; command: WallModeration; cardId: string; targetId?: string },
		ack: AckFn<WallView>
	) => void;
	/** Puts a name forward; the same service as `POST /api/polls/:id/proposals`. */
	'nomination:propose': (payload: ProposalIntent, ack: AckFn<ProposalView>) => void;
}

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
