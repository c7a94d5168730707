// The socket.io wire contract, typed for both ends. Each area adds its events here; clients send
// intents and receive an Ack, the server decides.
import type { WireError } from './errors';
import type { MemberRole } from '../domain/workshop';
import type { AgendaView } from '../domain/agenda';

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
}

export interface ServerToClientEvents {
	/** To facilitators: the member list or presence changed; refetch it. */
	'members:changed': (payload: { workshopId: string }) => void;
	/** To the member concerned. */
	'member:removed': (payload: { workshopId: string }) => void;
	'member:role': (payload: { workshopId: string; role: MemberRole }) => void;
	/**
	 * To the workshop's room on every change (never per second: clients count down from `endsAt`),
	 * and to a socket right after it enters the workshop.
	 */
	'agenda:state': (payload: AgendaState) => void;
}

export const rooms = {
	workshop: (workshopId: string) => `w:${workshopId}`,
	facilitators: (workshopId: string) => `w:${workshopId}:fac`,
	user: (userId: string) => `u:${userId}`
} as const;
