// The poll lifecycle draft → open → closed → published as pure transitions, and who may see a
// result when. Times are epoch milliseconds passed in by the caller, so tests need no clock.
import {
	POLL_TRANSITION_ERROR_CODES,
	type PollResult,
	type PollStatus,
	type PollTransitionErrorCode,
	type RevealPolicy,
	type ViewerRole
} from './poll-types';

export { POLL_TRANSITION_ERROR_CODES };
export type { PollTransitionErrorCode };

export interface PollState {
	status: PollStatus;
	/** The facilitator pressed "reveal" (manual policy, or early for after_close). */
	revealed: boolean;
	openedAt: number | null;
	/** Countdown end; the server closes the poll itself at this instant. */
	closesAt: number | null;
	closedAt: number | null;
	publishedAt: number | null;
}

export type Transition =
	{ ok: true; state: PollState } | { ok: false; code: PollTransitionErrorCode };

export type PollCommand =
	| { type: 'open'; now: number; closesInSeconds?: number | null; optionCount?: number }
	| { type: 'close'; now: number }
	| { type: 'reopen'; now: number; closesInSeconds?: number | null }
	| { type: 'reveal' }
	| { type: 'publish'; now: number };

export const initialPollState = (): PollState => ({
	status: 'draft',
	revealed: false,
	openedAt: null,
	closesAt: null,
	closedAt: null,
	publishedAt: null
});

const ok = (state: PollState): Transition => ({ ok: true, state });
const refuse = (code: PollTransitionErrorCode): Transition => ({ ok: false, code });

function countdownEnd(now: number, closesInSeconds: number | null | undefined) {
	if (closesInSeconds === null || closesInSeconds === undefined)
		return { ok: true, at: null } as const;
	if (!Number.isFinite(closesInSeconds) || closesInSeconds <= 0) return { ok: false } as const;
	return { ok: true, at: now + Math.round(closesInSeconds * 1000) } as const;
}

/** `optionCount` guards against opening a poll nobody can answer (e.g. an empty shortlist). */
export function openPoll(
	state: PollState,
	now: number,
	closesInSeconds?: number | null,
	optionCount?: number
): Transition {
	if (state.status !== 'draft') return refuse('poll_not_draft');
	if (optionCount !== undefined && optionCount < 1) return refuse('poll_no_options');
	const end = countdownEnd(now, closesInSeconds);
	if (!end.ok) return refuse('invalid_countdown');
	return ok({ ...state, status: 'open', openedAt: now, closesAt: end.at, closedAt: null });
}

export function closePoll(state: PollState, now: number): Transition {
	if (state.status !== 'open') return refuse('poll_not_open');
	return ok({ ...state, status: 'closed', closedAt: now, closesAt: null });
}

/**
 * Closed → open, e.g. for latecomers. A manual reveal is withdrawn: results shown while people
 * can still vote would sway the ones who have not. Published results are a public record and
 * cannot be reopened.
 */
export function reopenPoll(
	state: PollState,
	now: number,
	closesInSeconds?: number | null
): Transition {
	if (state.status === 'published') return refuse('poll_published_final');
	if (state.status !== 'closed') return refuse('poll_not_closed');
	const end = countdownEnd(now, closesInSeconds);
	if (!end.ok) return refuse('invalid_countdown');
	return ok({ ...state, status: 'open', revealed: false, closesAt: end.at, closedAt: null });
}

/** Idempotent: a facilitator's double click or a retried request reveals once. */
export function revealPoll(state: PollState): Transition {
	if (state.status === 'draft') return refuse('poll_draft_cannot_reveal');
	return ok(state.revealed ? state : { ...state, revealed: true });
}

export function publishPoll(state: PollState, now: number): Transition {
	if (state.status === 'published') return refuse('poll_published_final');
	if (state.status !== 'closed') return refuse('poll_not_closed');
	return ok({ ...state, status: 'published', revealed: true, publishedAt: now });
}

export function applyPollCommand(state: PollState, command: PollCommand): Transition {
	switch (command.type) {
		case 'open':
			return openPoll(state, command.now, command.closesInSeconds, command.optionCount);
		case 'close':
			return closePoll(state, command.now);
		case 'reopen':
			return reopenPoll(state, command.now, command.closesInSeconds);
		case 'reveal':
			return revealPoll(state);
		case 'publish':
			return publishPoll(state, command.now);
	}
}

/**
 * The countdown's own close, for the server timer and for polls whose deadline passed while the
 * server was down: closedAt is the deadline, not the moment we noticed.
 */
export function closeIfDue(state: PollState, now: number): PollState {
	if (state.status !== 'open' || state.closesAt === null || now < state.closesAt) return state;
	return { ...state, status: 'closed', closedAt: state.closesAt, closesAt: null };
}

/** Milliseconds left on the countdown, for clients rendering from the server clock. */
export function remainingMs(state: PollState, now: number): number | null {
	if (state.status !== 'open' || state.closesAt === null) return null;
	return Math.max(0, state.closesAt - now);
}

export type VisibilityInput = Pick<PollState, 'status' | 'revealed'> & { reveal: RevealPolicy };

/**
 * Whether `viewer` may receive counts. The server must filter on this before a tally leaves it:
 * a hidden result never reaches a participant's browser before reveal.
 *
 * Facilitators get no exception. Their laptop usually drives the projector, so anything they see
 * the room sees; they often vote themselves; and a council must be able to trust that nobody
 * watched the count and timed the close. They can reveal at any moment, which makes it a choice
 * made in front of the room. The participation count ("37 / 50 ont voté") is not a result and
 * stays visible to every member (see `isParticipationVisible`).
 */
export function isResultVisible(poll: VisibilityInput, viewer: ViewerRole): boolean {
	if (poll.status === 'published') return true;
	if (viewer === 'public' || poll.status === 'draft') return false;
	if (poll.revealed) return true;
	switch (poll.reveal) {
		case 'live':
			return true;
		case 'after_close':
			return poll.status === 'closed';
		case 'manual':
			return false;
	}
}

export function isParticipationVisible(
	poll: Pick<PollState, 'status'>,
	viewer: ViewerRole
): boolean {
	if (viewer === 'public') return poll.status === 'published';
	return poll.status !== 'draft';
}

export type HiddenResult = Pick<PollResult, 'method'> & {
	hidden: true;
	/** Absent where the participation count is not shown either (the public, before publishing). */
	totalBallots?: number;
	options: { id: string; label: string }[];
};
export type ViewerResult = (PollResult & { hidden: false }) | HiddenResult;

/**
 * The result as `viewer` may receive it. Hidden, only what the room already sees survives: the
 * options and, for members, how many ballots were cast. No count, winner, round or per-source
 * figure is left, so a payload built from this cannot leak a hidden result.
 */
export function resultForViewer(
	poll: VisibilityInput,
	viewer: ViewerRole,
	result: PollResult
): ViewerResult {
	if (isResultVisible(poll, viewer)) return { ...result, hidden: false };
	return {
		hidden: true,
		method: result.method,
		...(isParticipationVisible(poll, viewer) ? { totalBallots: result.totalBallots } : {}),
		options: result.options.map(({ id, label }) => ({ id, label }))
	};
}
