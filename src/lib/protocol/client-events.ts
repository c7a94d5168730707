// The client→server half of the socket.io contract: one zod schema per event, and the event's
// type inferred from it, so what the server checks and what the client may send cannot drift
// apart. server/socket/dispatch.ts parses every payload with its schema before any handler runs.
// The schemas check the shape (types, ids, lengths, enums); the domain rules (is the poll open,
// is the member a facilitator) stay in the services, which the JSON API shares.
import { z } from 'zod';
import { ROUND_MAX_SECONDS } from '../domain/agenda';
import { REACTIONS } from '../domain/speaking-queue';
import { ballotBodySchema } from '../domain/poll-schemas';
import { dotIntentSchema, moderationSchema, WALL_MODERATION } from '../domain/wall-schemas';
import { proposalSchema } from '../domain/nomination-schemas';
import type { WireError } from './errors';
import { AGENDA_COMMANDS, type AckFn, type AgendaState, type WorkshopJoined } from './events';
import type { BallotReceipt } from './polls';
import type { ProposalView } from './nominations';
import type { QueueState, ReactionsState } from './facilitation';
import type { WallView } from './wall';

const workshop = z.object({ workshopId: z.uuid() });

export const clientEventSchemas = {
	/** Enter a workshop's room; the server checks the session's membership. */
	'workshop:enter': workshop,
	/** NTP-style sample for the client's clock offset: the client's send time, in ms. */
	'time:sync': z.number().finite(),
	/** Facilitators only; `seconds` for `extend`. */
	'agenda:command': workshop.extend({
		command: z.enum(AGENDA_COMMANDS),
		seconds: z.number().int().min(1).max(ROUND_MAX_SECONDS).optional()
	}),
	/** Speaking queue: raise one's hand; lower it, or (facilitators) take `memberId` out of it. */
	/** `forMember`: a member of the table whose shared phone this is (its relay only). */
	'queue:raise': workshop.extend({ forMember: z.uuid().optional() }),
	'queue:lower': workshop.extend({ memberId: z.uuid().optional() }),
	/** Facilitators: to `memberId`, or to the head of the queue; a running turn ends first. */
	'queue:give_floor': workshop.extend({ memberId: z.uuid().optional() }),
	'queue:end_turn': workshop,
	/** Facilitators: « priorité aux premières prises de parole ». */
	'queue:priority': workshop.extend({ on: z.boolean() }),
	'queue:react': workshop.extend({ reaction: z.enum(REACTIONS) }),
	/** The projector: also receive `presence:count` (kept off phones, which do not show it). */
	'screen:watch': workshop,
	/**
	 * Casts a ballot; the same service as `POST /api/polls/:id/ballots`, acked after commit.
	 * `forMember`: a member of the caller's table (one phone per table; its relay only).
	 */
	'poll:vote': ballotBodySchema.extend({ pollId: z.uuid() }),
	/** Idea wall: one dot more (`delta` 1) or less (-1); the same service as the JSON API. */
	'wall:dot': dotIntentSchema.extend({ documentId: z.uuid() }),
	/** Idea wall, facilitators: hide, unhide, or merge `cardId` into `targetId`. */
	'wall:moderate': moderationSchema.extend({
		documentId: z.uuid(),
		command: z.enum(WALL_MODERATION)
	}),
	/** Puts a name forward; the same service as `POST /api/polls/:id/proposals`. */
	'nomination:propose': proposalSchema.extend({ pollId: z.uuid() })
} as const satisfies Record<string, z.ZodType>;

export type ClientEventName = keyof typeof clientEventSchemas;
/** What a client sends (before the schema's defaults and trims). */
export type ClientEventInput<E extends ClientEventName> = z.input<(typeof clientEventSchemas)[E]>;
/** What a handler receives, parsed. */
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

/** A refusal before any handler ran (the payload did not match its schema). */
export type AckRefusal = { ok: false; error: WireError };

/** How each event is answered. `time:sync` answers a bare number, or a refusal. */
export interface ClientEventAcks {
	'workshop:enter': AckFn<WorkshopJoined>;
	'time:sync': (response: number | AckRefusal) => void;
	'agenda:command': AckFn<AgendaState>;
	'queue:raise': AckFn<QueueState>;
	'queue:lower': AckFn<QueueState>;
	'queue:give_floor': AckFn<QueueState>;
	'queue:end_turn': AckFn<QueueState>;
	'queue:priority': AckFn<QueueState>;
	'queue:react': AckFn<ReactionsState>;
	'screen:watch': AckFn<{ present: number }>;
	'poll:vote': AckFn<BallotReceipt>;
	'wall:dot': AckFn<WallView>;
	'wall:moderate': AckFn<WallView>;
	'nomination:propose': AckFn<ProposalView>;
}

export type ClientToServerEvents = {
	[E in ClientEventName]: (payload: ClientEventInput<E>, ack: ClientEventAcks[E]) => void;
};
