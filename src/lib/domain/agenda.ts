// The ordre du jour: an ordered list of rounds and the run cursor (which round is current and its
// timer). Pure helpers over plain arrays; the service persists the result and broadcasts it.
import { z } from 'zod';
import { singleLine } from './text-safety';
import { IDLE, finish, remainingMs, type TimerState, type TimerStateName } from './timer-state';

export const ROUND_KINDS = [
	'presentation',
	'ideation',
	'discussion',
	'drafting',
	'vote',
	'break'
] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const ROUND_KIND_MESSAGE_KEYS = {
	presentation: 'agenda_kind_presentation',
	ideation: 'agenda_kind_ideation',
	discussion: 'agenda_kind_discussion',
	drafting: 'agenda_kind_drafting',
	vote: 'agenda_kind_vote',
	break: 'agenda_kind_break'
} as const satisfies Record<RoundKind, `agenda_${string}`>;

/** `opinion`: a carte des opinions, linked by its map id. */
export const LINK_TYPES = ['document', 'poll', 'wall', 'opinion'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const AGENDA_MAX_ITEMS = 100;
export const ROUND_TITLE_MAX = 200;
export const ROUND_INSTRUCTIONS_MAX = 2000;
export const ROUND_MAX_SECONDS = 86_400;

const id = z.string().trim().min(1).max(64);

/**
 * One round as the facilitator sends it. `id` is optional: items that keep their id across a PUT
 * keep the cursor on them (see `cursorAfterEdit`); new items get one from the service.
 * End-of-round options only make sense with the matching link, so a mismatch is refused rather
 * than silently ignored.
 */
export const agendaItemInputSchema = z
	.object({
		id: id.optional(),
		title: z.string().trim().min(1).max(ROUND_TITLE_MAX).refine(singleLine),
		kind: z.enum(ROUND_KINDS),
		durationSeconds: z.number().int().min(1).max(ROUND_MAX_SECONDS),
		linked: z.object({ type: z.enum(LINK_TYPES), id }).optional(),
		instructions: z.string().trim().max(ROUND_INSTRUCTIONS_MAX).optional(),
		onEnd: z
			.object({ lockDocument: z.boolean().optional(), closePoll: z.boolean().optional() })
			.optional()
	})
	.refine((item) => !item.onEnd?.lockDocument || item.linked?.type === 'document', {
		path: ['onEnd', 'lockDocument']
	})
	.refine((item) => !item.onEnd?.closePoll || item.linked?.type === 'poll', {
		path: ['onEnd', 'closePoll']
	});

/** Body of `PUT /api/workshops/:id/agenda` (and the socket.io equivalent). */
export const agendaPutSchema = z
	.array(agendaItemInputSchema)
	.max(AGENDA_MAX_ITEMS)
	.refine((items) => uniqueIds(items), { path: ['id'] });

export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;

export interface AgendaItem {
	id: string;
	title: string;
	kind: RoundKind;
	durationSeconds: number;
	linked?: { type: LinkType; id: string };
	instructions?: string;
	onEnd?: { lockDocument?: boolean; closePoll?: boolean };
}

function uniqueIds(items: readonly { id?: string }[]): boolean {
	const ids = items.flatMap((i) => (i.id ? [i.id] : []));
	return new Set(ids).size === ids.length;
}

export const AGENDA_ERRORS = {
	indexOutOfRange: 'agenda_index_out_of_range',
	noNextRound: 'agenda_no_next_round',
	noPreviousRound: 'agenda_no_previous_round',
	tooManyItems: 'agenda_too_many_items'
} as const;
export type AgendaError = (typeof AGENDA_ERRORS)[keyof typeof AGENDA_ERRORS];

export const AGENDA_ERROR_MESSAGE_KEYS = {
	agenda_index_out_of_range: 'agenda_error_index_out_of_range',
	agenda_no_next_round: 'agenda_error_no_next_round',
	agenda_no_previous_round: 'agenda_error_no_previous_round',
	agenda_too_many_items: 'agenda_error_too_many_items'
} as const satisfies Record<AgendaError, `agenda_${string}`>;

export type AgendaResult<T> = { ok: true; value: T } | { ok: false; error: AgendaError };

const inRange = (i: number, length: number) => Number.isInteger(i) && i >= 0 && i < length;

/** Moves the item at `from` to position `to` (drag and drop, or alt+arrow on the keyboard). */
export function reorder<T>(items: readonly T[], from: number, to: number): AgendaResult<T[]> {
	if (!inRange(from, items.length) || !inRange(to, items.length)) {
		return { ok: false, error: 'agenda_index_out_of_range' };
	}
	const next = items.slice();
	const [moved] = next.splice(from, 1);
	next.splice(to, 0, moved as T);
	return { ok: true, value: next };
}

/** Where an index ends up after `reorder(from, to)`: keeps the cursor on the same round. */
export function indexAfterMove(index: number, from: number, to: number): number {
	if (index === from) return to;
	if (from < index && index <= to) return index - 1;
	if (to <= index && index < from) return index + 1;
	return index;
}

/** Inserts a copy right after item `index`, under `newId` (ids come from the caller: no randomness here). */
export function duplicate(
	items: readonly AgendaItem[],
	index: number,
	newId: string
): AgendaResult<AgendaItem[]> {
	const source = items[index];
	if (!inRange(index, items.length) || !source) {
		return { ok: false, error: 'agenda_index_out_of_range' };
	}
	if (items.length >= AGENDA_MAX_ITEMS) return { ok: false, error: 'agenda_too_many_items' };
	const copy: AgendaItem = structuredClone({ ...source, id: newId });
	return { ok: true, value: [...items.slice(0, index + 1), copy, ...items.slice(index + 1)] };
}

/** Which round is current and its clock; stored with the workshop, JSON as is. */
export interface AgendaCursor {
	index: number;
	timer: TimerState;
}

export const INITIAL_CURSOR: AgendaCursor = { index: 0, timer: IDLE };

/**
 * Result of moving to another round. `ended` is the round left behind when it was still running
 * or paused: it is now done and the service applies its `roundEndEffects`. A round left idle
 * never ran and one already done had its effects when it finished, so both give `null`.
 */
export interface CursorMove {
	cursor: AgendaCursor;
	ended: { index: number; timer: TimerState } | null;
}

/**
 * Moves to round `index`. The new round always starts idle: the facilitator starts its clock
 * when the room is ready (people walk to their tables, the projector switches). Going to the
 * round already current changes nothing, so a repeated "everyone to round 3" cannot reset a
 * running clock.
 */
export function goTo(
	cursor: AgendaCursor,
	index: number,
	itemCount: number,
	now: number
): AgendaResult<CursorMove> {
	if (!inRange(index, itemCount)) return { ok: false, error: 'agenda_index_out_of_range' };
	if (index === cursor.index) return { ok: true, value: { cursor, ended: null } };
	const leaving = cursor.timer.state === 'running' || cursor.timer.state === 'paused';
	const left = leaving ? finish(cursor.timer, now) : null;
	return {
		ok: true,
		value: {
			cursor: { index, timer: IDLE },
			ended: left?.ok ? { index: cursor.index, timer: left.timer } : null
		}
	};
}

export function next(
	cursor: AgendaCursor,
	itemCount: number,
	now: number
): AgendaResult<CursorMove> {
	if (cursor.index + 1 >= itemCount) return { ok: false, error: 'agenda_no_next_round' };
	return goTo(cursor, cursor.index + 1, itemCount, now);
}

export function previous(
	cursor: AgendaCursor,
	itemCount: number,
	now: number
): AgendaResult<CursorMove> {
	if (cursor.index <= 0 || itemCount === 0) return { ok: false, error: 'agenda_no_previous_round' };
	return goTo(cursor, Math.min(cursor.index - 1, itemCount - 1), itemCount, now);
}

/**
 * After the agenda is replaced (PUT), keeps the cursor on the same round by id. If the current
 * round was deleted, the cursor stays at the same position (clamped) with a fresh idle clock:
 * a timer must never silently transfer to a different round.
 */
export function cursorAfterEdit(
	cursor: AgendaCursor,
	before: readonly { id: string }[],
	after: readonly { id: string }[]
): AgendaCursor {
	const currentId = before[cursor.index]?.id;
	const found = currentId === undefined ? -1 : after.findIndex((i) => i.id === currentId);
	if (found >= 0) return { index: found, timer: cursor.timer };
	return { index: Math.max(0, Math.min(cursor.index, after.length - 1)), timer: IDLE };
}

/** What the service must do when a round ends (finish, settle, or moving on while it runs). */
export function roundEndEffects(item: AgendaItem): {
	lockDocumentId?: string;
	closePollId?: string;
} {
	const { linked, onEnd } = item;
	if (linked?.type === 'document' && onEnd?.lockDocument) return { lockDocumentId: linked.id };
	if (linked?.type === 'poll' && onEnd?.closePoll) return { closePollId: linked.id };
	return {};
}

export interface AgendaViewItem {
	id: string;
	title: string;
	kind: RoundKind;
	durationSeconds: number;
	/** Additive to the documented shape: phones need them to follow the round ("tout le monde ici"). */
	linked?: { type: LinkType; id: string };
	instructions?: string;
}

export interface AgendaCurrent {
	index: number;
	state: TimerStateName;
	endsAt?: number;
	remainingMs?: number;
}

export interface AgendaView {
	items: AgendaViewItem[];
	/** `null` while the agenda is empty: there is no round to point at. */
	current: AgendaCurrent | null;
	serverNow: number;
}

/**
 * The `GET /api/workshops/:id/agenda` body (also sent on socket.io). `endsAt` is given for a
 * running round so clients count down on their own clock corrected by the server offset;
 * `remainingMs` is the time left at `serverNow` (for paused rounds, the only figure that exists).
 * A running round past its end is reported as it is (`remainingMs: 0`) until the service
 * settles it. Facilitator-only data (`onEnd`) stays out.
 */
export function agendaView(
	items: readonly AgendaItem[],
	cursor: AgendaCursor,
	now: number
): AgendaView {
	const view = items.map(({ id, title, kind, durationSeconds, linked, instructions }) => ({
		id,
		title,
		kind,
		durationSeconds,
		...(linked ? { linked: { ...linked } } : {}),
		...(instructions ? { instructions } : {})
	}));
	if (items.length === 0) return { items: view, current: null, serverNow: now };
	const { timer } = cursor;
	const current: AgendaCurrent = { index: cursor.index, state: timer.state };
	if (timer.state === 'running') current.endsAt = timer.endsAt;
	const left = remainingMs(timer, now);
	if (left !== null && timer.state !== 'done') current.remainingMs = left;
	return { items: view, current, serverNow: now };
}
