// Demandes de parole: who is waiting, who has the floor, and how long each person has spoken in
// the workshop. Plain JSON state, pure transitions taking `now` (ms); errors are codes, not throws.
// Reactions (thumbs up, hand, question) live apart: they are transient counts, never persisted.

export interface QueueEntry {
	memberId: string;
	raisedAt: number;
}

export interface SpeakingTurn {
	memberId: string;
	startedAt: number;
}

export interface SpeakerRecord {
	turns: number;
	spokenMs: number;
}

export interface SpeakingQueueState {
	/** In arrival order; the order shown is computed by `orderedQueue`. */
	waiting: QueueEntry[];
	current: SpeakingTurn | null;
	/** Everyone who has had the floor in this workshop (feeds the inclusion panel). */
	speakers: Record<string, SpeakerRecord>;
	/** « Priorité aux premières prises de parole ». */
	firstTimersFirst: boolean;
}

export interface FinishedTurn {
	memberId: string;
	startedAt: number;
	endedAt: number;
	durationMs: number;
}

export const QUEUE_ERRORS = {
	alreadyWaiting: 'queue_already_waiting',
	alreadySpeaking: 'queue_already_speaking',
	notWaiting: 'queue_not_waiting',
	empty: 'queue_empty',
	noSpeaker: 'queue_no_speaker'
} as const;
export type QueueError = (typeof QUEUE_ERRORS)[keyof typeof QUEUE_ERRORS];

export const QUEUE_ERROR_MESSAGE_KEYS = {
	queue_already_waiting: 'agenda_error_queue_already_waiting',
	queue_already_speaking: 'agenda_error_queue_already_speaking',
	queue_not_waiting: 'agenda_error_queue_not_waiting',
	queue_empty: 'agenda_error_queue_empty',
	queue_no_speaker: 'agenda_error_queue_no_speaker'
} as const satisfies Record<QueueError, `agenda_${string}`>;

export type QueueResult<T = object> =
	({ ok: true; state: SpeakingQueueState } & T) | { ok: false; error: QueueError };

export function emptyQueue(options: { firstTimersFirst?: boolean } = {}): SpeakingQueueState {
	return { waiting: [], current: null, speakers: {}, firstTimersFirst: !!options.firstTimersFirst };
}

const fail = (error: QueueError) => ({ ok: false, error }) as const;

export function hasSpoken(state: SpeakingQueueState, memberId: string): boolean {
	return (state.speakers[memberId]?.turns ?? 0) > 0;
}

export function raise(state: SpeakingQueueState, memberId: string, now: number): QueueResult {
	if (state.current?.memberId === memberId) return fail('queue_already_speaking');
	if (state.waiting.some((e) => e.memberId === memberId)) return fail('queue_already_waiting');
	return {
		ok: true,
		state: { ...state, waiting: [...state.waiting, { memberId, raisedAt: now }] }
	};
}

/** The participant lowers their hand, or the facilitator removes them from the queue. */
export function lower(state: SpeakingQueueState, memberId: string): QueueResult {
	const waiting = state.waiting.filter((e) => e.memberId !== memberId);
	if (waiting.length === state.waiting.length) return fail('queue_not_waiting');
	return { ok: true, state: { ...state, waiting } };
}

/**
 * The queue in speaking order. With `firstTimersFirst`, people who have not yet had the floor in
 * this workshop come before those who have, each group keeping arrival order — so the same few
 * voices cannot keep the floor, without anyone jumping ahead of an equal.
 */
export function orderedQueue(state: SpeakingQueueState): QueueEntry[] {
	if (!state.firstTimersFirst) return [...state.waiting];
	const first = state.waiting.filter((e) => !hasSpoken(state, e.memberId));
	const again = state.waiting.filter((e) => hasSpoken(state, e.memberId));
	return [...first, ...again];
}

/** 1-based place in the shown order (« vous êtes 3e »), or `null` if not waiting. */
export function queuePosition(state: SpeakingQueueState, memberId: string): number | null {
	const i = orderedQueue(state).findIndex((e) => e.memberId === memberId);
	return i < 0 ? null : i + 1;
}

export function setFirstTimersFirst(state: SpeakingQueueState, on: boolean): SpeakingQueueState {
	return { ...state, firstTimersFirst: on };
}

/**
 * Gives the floor to `memberId`, or by default to the head of `orderedQueue`. The facilitator
 * may give it to someone who has not raised their hand (a mayor asked to answer). A turn still
 * running is ended first and returned in `ended`, so "next speaker" is one click.
 */
export function giveFloor(
	state: SpeakingQueueState,
	now: number,
	memberId?: string
): QueueResult<{ ended: FinishedTurn | null }> {
	const speaker = memberId ?? orderedQueue(state)[0]?.memberId;
	if (speaker === undefined) return fail('queue_empty');
	if (state.current?.memberId === speaker) return fail('queue_already_speaking');
	let base = state;
	let ended: FinishedTurn | null = null;
	if (state.current) {
		const closed = endTurn(state, now);
		if (closed.ok) {
			base = closed.state;
			ended = closed.turn;
		}
	}
	return {
		ok: true,
		ended,
		state: {
			...base,
			waiting: base.waiting.filter((e) => e.memberId !== speaker),
			current: { memberId: speaker, startedAt: now }
		}
	};
}

/** Ends the current turn and adds its duration to the speaker's total. */
export function endTurn(
	state: SpeakingQueueState,
	now: number
): QueueResult<{ turn: FinishedTurn }> {
	const { current } = state;
	if (!current) return fail('queue_no_speaker');
	// A clock step backwards (e.g. after a restart on another machine) must not subtract time.
	const durationMs = Math.max(0, now - current.startedAt);
	const before = state.speakers[current.memberId] ?? { turns: 0, spokenMs: 0 };
	return {
		ok: true,
		turn: { memberId: current.memberId, startedAt: current.startedAt, endedAt: now, durationMs },
		state: {
			...state,
			current: null,
			speakers: {
				...state.speakers,
				[current.memberId]: { turns: before.turns + 1, spokenMs: before.spokenMs + durationMs }
			}
		}
	};
}

// --- Reactions -------------------------------------------------------------------------------

export const REACTIONS = ['thumbs_up', 'hand', 'question'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const REACTION_MESSAGE_KEYS = {
	thumbs_up: 'agenda_reaction_thumbs_up',
	hand: 'agenda_reaction_hand',
	question: 'agenda_reaction_question'
} as const satisfies Record<Reaction, `agenda_${string}`>;

/** How long a reaction counts: long enough to be seen on the projector, short enough to be live. */
export const REACTION_WINDOW_MS = 15_000;

export interface ReactionEvent {
	memberId: string;
	reaction: Reaction;
	at: number;
}

/** Recent reactions only; kept in memory by the room, never written to the database. */
export interface ReactionsState {
	recent: ReactionEvent[];
}

export function isReaction(value: unknown): value is Reaction {
	return typeof value === 'string' && (REACTIONS as readonly string[]).includes(value);
}

/**
 * Records a reaction and forgets the expired ones. A member repeating the same reaction only
 * refreshes it, so one excited thumb cannot count ten times.
 */
export function react(
	state: ReactionsState,
	memberId: string,
	reaction: Reaction,
	now: number,
	windowMs = REACTION_WINDOW_MS
): ReactionsState {
	const recent = state.recent.filter(
		(e) => now - e.at < windowMs && !(e.memberId === memberId && e.reaction === reaction)
	);
	return { recent: [...recent, { memberId, reaction, at: now }] };
}

export function reactionCounts(
	state: ReactionsState,
	now: number,
	windowMs = REACTION_WINDOW_MS
): Record<Reaction, number> {
	const counts: Record<Reaction, number> = { thumbs_up: 0, hand: 0, question: 0 };
	for (const e of state.recent) if (now - e.at < windowMs) counts[e.reaction] += 1;
	return counts;
}
