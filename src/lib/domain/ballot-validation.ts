// Semantic checks of a ballot against its poll (the zod schema only checks the JSON shape), and
// normalization so every stored ballot has one canonical form the tallies can trust.
import {
	BALLOT_ERROR_CODES,
	MAX_GRADE,
	MJ_GRADES,
	type BallotErrorCode,
	type BallotMethod,
	type Choice,
	type NormalizedChoice,
	type OptionId,
	type PollConfig,
	type PollOption,
	type PollStatus,
	type ViewerRole
} from './poll-types';
import { roomCountsSupported } from './tally-aggregate';

export { BALLOT_ERROR_CODES };
export type { BallotErrorCode };

export type BallotCheck<T> =
	({ ok: true } & T) | { ok: false; code: BallotErrorCode; params?: Record<string, number> };

export type ChoiceValidation = BallotCheck<{ normalized: NormalizedChoice }>;

const fail = (code: BallotErrorCode, params?: Record<string, number>) =>
	({ ok: false, code, ...(params ? { params } : {}) }) as const;

/** The method ballots are cast in, or null while a nomination is still collecting proposals. */
export function ballotMethodOf(poll: PollConfig): BallotMethod | null {
	if (poll.method !== 'nomination') return poll.method;
	const nomination = poll.settings.nomination;
	return nomination && nomination.phase === 'vote' ? nomination.voteMethod : null;
}

/** The only key of a plain object choice, or null: `{optionId, optionIds}` is ambiguous. */
function soleKey(choice: unknown): string | null {
	if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return null;
	const keys = Object.keys(choice);
	return keys.length === 1 ? keys[0] : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const EXPECTED_KEY: Record<BallotMethod, string> = {
	single: 'optionId',
	consent: 'optionId',
	multiple: 'optionIds',
	ranked: 'ranking',
	score: 'scores',
	majority_judgment: 'scores',
	dots: 'dots'
};

/**
 * Checks `choice` for `poll` and returns its normalized form. `options` are the options this
 * voter may choose from (for a nomination scoped by quartier: the candidates of their quartier).
 */
export function validateChoice(
	poll: PollConfig,
	options: readonly PollOption[],
	choice: Choice
): ChoiceValidation {
	const method = ballotMethodOf(poll);
	if (method === null) return fail('nomination_proposal_phase');
	const key = soleKey(choice);
	if (key !== EXPECTED_KEY[method]) return fail('wrong_shape_for_method');
	const value = (choice as Record<string, unknown>)[key];
	const order = new Map(options.map((o, i) => [o.id, i]));
	const byOptionOrder = (a: OptionId, b: OptionId) => order.get(a)! - order.get(b)!;

	switch (method) {
		case 'single':
		case 'consent': {
			if (typeof value !== 'string') return fail('wrong_shape_for_method');
			if (!order.has(value)) return fail('unknown_option');
			return { ok: true, normalized: { optionId: value } };
		}
		case 'multiple':
		case 'ranked': {
			if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
				return fail('wrong_shape_for_method');
			const ids = value as string[];
			if (ids.length === 0) return fail('empty_choice');
			if (ids.some((id) => !order.has(id))) return fail('unknown_option');
			if (new Set(ids).size !== ids.length)
				return fail(method === 'ranked' ? 'duplicate_ranking' : 'duplicate_option');
			const max = poll.settings.maxChoices;
			if (max !== null && ids.length > max) return fail('too_many_choices', { max });
			// Approval ballots are sets: a canonical order makes equal ballots compare equal.
			return method === 'ranked'
				? { ok: true, normalized: { ranking: [...ids] } }
				: { ok: true, normalized: { optionIds: [...ids].sort(byOptionOrder) } };
		}
		case 'score':
		case 'majority_judgment':
			return validateGrades(method, options, value);
		case 'dots': {
			if (!isRecord(value)) return fail('wrong_shape_for_method');
			const entries = Object.entries(value);
			if (entries.some(([id]) => !order.has(id))) return fail('unknown_option');
			if (entries.some(([, n]) => typeof n !== 'number' || !Number.isInteger(n) || n < 0))
				return fail('dots_invalid');
			const total = entries.reduce((sum, [, n]) => sum + (n as number), 0);
			if (total === 0) return fail('empty_choice');
			const max = poll.settings.dots ?? 0;
			if (total > max) return fail('dots_exceeded', { max });
			const dots: Record<OptionId, number> = {};
			for (const o of options)
				if (((value[o.id] as number) ?? 0) > 0) dots[o.id] = value[o.id] as number;
			return { ok: true, normalized: { dots } };
		}
	}
}

/**
 * Score and majority judgment: integers 0–5 (majority judgment also takes grade names). Every
 * option gets a grade; a blank reads as 0, the practice of majority judgment (an unjudged
 * candidate is "à rejeter") and of range voting, so no option wins on a handful of fans.
 */
function validateGrades(
	method: 'score' | 'majority_judgment',
	options: readonly PollOption[],
	value: unknown
): ChoiceValidation {
	if (!isRecord(value)) return fail('wrong_shape_for_method');
	const known = new Set(options.map((o) => o.id));
	const entries = Object.entries(value);
	if (entries.length === 0) return fail('empty_choice');
	if (entries.some(([id]) => !known.has(id))) return fail('unknown_option');
	const scores: Record<OptionId, number> = {};
	for (const o of options) scores[o.id] = 0;
	for (const [id, raw] of entries) {
		let grade: number;
		if (typeof raw === 'string') {
			if (method !== 'majority_judgment') return fail('score_out_of_range', { max: MAX_GRADE });
			grade = (MJ_GRADES as readonly string[]).indexOf(raw);
			if (grade < 0) return fail('unknown_grade');
		} else if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= MAX_GRADE) {
			grade = raw;
		} else {
			return fail('score_out_of_range', { max: MAX_GRADE });
		}
		scores[id] = grade;
	}
	return { ok: true, normalized: { scores } };
}

/** Whether a member may cast a ballot now; the server also checks the workshop and membership. */
export function checkCanVote(
	poll: PollConfig,
	state: { status: PollStatus; closesAt: number | null },
	role: ViewerRole,
	now: number
): BallotCheck<object> {
	if (state.status !== 'open') return fail('poll_not_open');
	// The countdown closes the poll server-side; a ballot racing the timer is already late.
	if (state.closesAt !== null && now >= state.closesAt) return fail('poll_not_open');
	if (ballotMethodOf(poll) === null) return fail('nomination_proposal_phase');
	if (role === 'public' || !poll.settings.eligibleRoles.includes(role))
		return fail('role_not_eligible');
	return { ok: true };
}

export type Resubmission = 'first' | 'repeat' | 'replace';

/**
 * A member sends a ballot: the same ballotId again is an idempotent repeat (a retry after a lost
 * ack); a different ballotId replaces the earlier ballot only when changes are allowed.
 */
export function classifyResubmission(
	allowChange: boolean,
	previousBallotId: string | null,
	ballotId: string
): BallotCheck<{ kind: Resubmission }> {
	if (previousBallotId === null) return { ok: true, kind: 'first' };
	if (previousBallotId === ballotId) return { ok: true, kind: 'repeat' };
	return allowChange ? { ok: true, kind: 'replace' } : fail('ballot_change_not_allowed');
}

/**
 * Show-of-hands or paper counts a facilitator types in for a hybrid room. Counts are whole and
 * non-negative; when the number of people counted is given, no option (single, consent: no
 * total) may exceed what that many people could have marked.
 */
export function validateRoomCounts(
	poll: PollConfig,
	options: readonly PollOption[],
	counts: Record<OptionId, unknown>,
	voters?: number
): BallotCheck<{ counts: Record<OptionId, number> }> {
	const method = ballotMethodOf(poll);
	if (method === null) return fail('nomination_proposal_phase');
	if (!roomCountsSupported(method)) return fail('room_counts_not_supported');
	const known = new Set(options.map((o) => o.id));
	const entries = Object.entries(counts);
	if (entries.some(([id]) => !known.has(id))) return fail('unknown_option');
	const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
	if (!entries.every(([, n]) => whole(n)) || (voters !== undefined && !whole(voters)))
		return fail('room_count_invalid');
	const values = entries.map(([, n]) => n as number);
	const sum = values.reduce((a, b) => a + b, 0);
	if (voters !== undefined) {
		const perPerson = method === 'dots' ? (poll.settings.dots ?? 0) : 1;
		const tooMany =
			method === 'single' || method === 'consent' || method === 'dots'
				? sum > voters * perPerson
				: values.some((n) => n > voters);
		if (tooMany) return fail('room_count_invalid');
	}
	const normalized: Record<OptionId, number> = {};
	for (const o of options) normalized[o.id] = (counts[o.id] as number | undefined) ?? 0;
	return { ok: true, counts: normalized };
}
