// Vocabulary of live votes: methods, settings, ballots, results and every error code a vote can
// produce. Plain data only, so the server, the socket protocol and the browser share one shape.
import type { MemberRole } from './workshop';

export const POLL_METHODS = [
	'single',
	'multiple',
	'ranked',
	'score',
	'majority_judgment',
	'dots',
	'consent',
	'nomination'
] as const;
export type PollMethod = (typeof POLL_METHODS)[number];

/** The methods a ballot can be cast in; a nomination votes with one of these in its vote phase. */
export const BALLOT_METHODS = [
	'single',
	'multiple',
	'ranked',
	'score',
	'majority_judgment',
	'dots',
	'consent'
] as const;
export type BallotMethod = (typeof BALLOT_METHODS)[number];

export const REVEAL_POLICIES = ['live', 'after_close', 'manual'] as const;
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];

export const POLL_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const REQUIRED_MAJORITIES = ['simple', 'two_thirds'] as const;
export type RequiredMajority = (typeof REQUIRED_MAJORITIES)[number];

export const RANKED_METHODS = ['irv', 'borda'] as const;
export type RankedMethod = (typeof RANKED_METHODS)[number];

export const NOMINATION_PHASES = ['proposal', 'vote'] as const;
export type NominationPhase = (typeof NOMINATION_PHASES)[number];

export const CONSENT_KEYS = ['for', 'against', 'abstain'] as const;
export type ConsentKey = (typeof CONSENT_KEYS)[number];

/** How a ballot reached the server: a phone's browser, a text message, a USSD menu, a table's shared phone. */
export const BALLOT_CHANNELS = ['web', 'sms', 'ussd', 'table'] as const;
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];

/** Ballots per channel, with the counted-in-room voters beside them (results' « par canal » line). */
export type ChannelCounts = Record<BallotChannel | 'room', number>;

/** Who looks at a result: a workshop member by role, or anyone on the public results page. */
export type ViewerRole = MemberRole | 'public';

/**
 * Quorum: either a fixed number of ballots, or a share of the members present in the room or
 * registered in the workshop (the edge supplies those two numbers when it tallies).
 */
export type Quorum =
	| { kind: 'ballots'; min: number }
	| { kind: 'share'; basis: 'present' | 'registered'; ratio: number };

export interface NominationSettings {
	phase: NominationPhase;
	voteMethod: Exclude<BallotMethod, 'consent'>;
	/** 'quartier': each member votes among the candidates of their own quartier, one winner each. */
	scope: 'none' | 'quartier';
}

export interface PollSettings {
	secret: boolean;
	reveal: RevealPolicy;
	quorum: Quorum | null;
	/** multiple: most options ticked; ranked: most options ranked. null = no limit. */
	maxChoices: number | null;
	/** dots: how many dots each voter spreads. */
	dots: number | null;
	allowChange: boolean;
	requiredMajority: RequiredMajority;
	rankedMethod: RankedMethod;
	eligibleRoles: MemberRole[];
	nomination: NominationSettings | null;
}

export interface PollConfig {
	method: PollMethod;
	settings: PollSettings;
}

export type OptionId = string;

export interface PollOption {
	id: OptionId;
	label: string;
	/** consent polls: which of pour / contre / abstention this option is. */
	consent?: ConsentKey;
	/** scoped nominations: the candidate's quartier. */
	quartier?: string;
}

/** Majority-judgment grades, worst first, so a grade's index is its value 0–5. */
export const MJ_GRADES = [
	'reject',
	'passable',
	'fairly_good',
	'good',
	'very_good',
	'excellent'
] as const;
export type MjGrade = (typeof MJ_GRADES)[number];
export const MAX_GRADE = 5;

/** A ballot's content as the client sends it (POST /api/polls/:id/ballots, docs/api.md). */
export type Choice =
	| { optionId: OptionId }
	| { optionIds: OptionId[] }
	| { ranking: OptionId[] }
	| { scores: Record<OptionId, number | MjGrade> }
	| { dots: Record<OptionId, number> };

/**
 * A ballot after validation: ids de-duplicated and known, grades as numbers 0–5 for every
 * option (a blank reads as 0), dots only where positive. Stored ballots are normalized.
 */
export type NormalizedChoice =
	| { optionId: OptionId }
	| { optionIds: OptionId[] }
	| { ranking: OptionId[] }
	| { scores: Record<OptionId, number> }
	| { dots: Record<OptionId, number> };

/**
 * Counted-in-room entries for hybrid rooms. Show-of-hands counts suit the count-based methods;
 * paper ballots for ranked, score or majority judgment are keyed in one by one as `ballots`.
 */
export type RoomEntry =
	| {
			source: 'room';
			id: string;
			label: string;
			enteredBy?: string;
			counts: Record<OptionId, number>;
			/** How many people the counts stand for; defaults to the sum for single and consent. */
			voters?: number;
	  }
	| { source: 'room'; id: string; label: string; enteredBy?: string; ballots: NormalizedChoice[] };

export interface Turnout {
	present?: number;
	registered?: number;
}

export interface IrvRound {
	round: number;
	/** Votes of each option still in the count at the start of the round. */
	counts: Record<OptionId, number>;
	exhausted: number;
	eliminated: OptionId[];
	/** Set when elimination or the final decision needed a tie-break. */
	tieBreak?: 'previous_rounds' | 'borda' | 'option_order';
	winner?: OptionId;
}

export interface OptionResult {
	id: OptionId;
	label: string;
	/** votes (single, multiple, consent) · dots · first preferences (ranked) · ratings (score, MJ) */
	count: number;
	/** score: mean 0–5 */
	score?: number;
	/** ranked: Borda points · score: sum of scores */
	points?: number;
	/** majority judgment: the majority grade (lower median) 0–5 */
	median?: number;
	/** majority judgment: ballots grading above / below the median, for the gauge bar */
	above?: number;
	below?: number;
	/** score and majority judgment: number of ballots at each grade 0–5 */
	distribution?: number[];
	/** ranked IRV: the round the option was eliminated in */
	eliminatedInRound?: number;
	/** 1 = best; equal ranks for options still tied after the tie-break */
	rank?: number;
}

export interface SourceResult {
	id: string;
	source: 'online' | 'room';
	label?: string;
	enteredBy?: string;
	ballots: number;
	/** per option, the same measure as OptionResult.count */
	counts: Record<OptionId, number>;
}

export interface PollResult {
	method: BallotMethod;
	totalBallots: number;
	options: OptionResult[];
	/** Absent for consent (see `adopted`); null when the top is tied or nobody voted. */
	winner?: OptionId | null;
	rounds?: IrvRound[];
	quorumMet: boolean;
	/** consent: pour + contre; abstentions are not expressed votes */
	expressed?: number;
	majorityMet?: boolean;
	adopted?: boolean;
	bySource: SourceResult[];
}

// ---- error codes, translated at the edge ----

/** Messages carried by zod issues of the creation and ballot schemas. */
export const POLL_INPUT_ERROR_CODES = [
	'poll.invalid_input',
	'poll.question_required',
	'poll.question_too_long',
	'poll.method_invalid',
	'poll.options_too_few',
	'poll.options_too_many',
	'poll.option_label_required',
	'poll.option_label_too_long',
	'poll.option_labels_duplicate',
	'poll.options_not_allowed',
	'poll.reveal_invalid',
	'poll.quorum_invalid',
	'poll.max_choices_invalid',
	'poll.too_many_choices',
	'poll.dots_required',
	'poll.dots_invalid',
	'poll.closes_in_invalid',
	'poll.required_majority_invalid',
	'poll.ranked_method_invalid',
	'poll.vote_method_invalid',
	'poll.scope_invalid',
	'poll.eligible_roles_invalid',
	'ballot.id_invalid',
	'ballot.choice_invalid',
	'ballot.member_invalid'
] as const;
export type PollInputErrorCode = (typeof POLL_INPUT_ERROR_CODES)[number];

/** What `validateChoice` and `checkCanVote` refuse. */
export const BALLOT_ERROR_CODES = [
	'wrong_shape_for_method',
	'unknown_option',
	'empty_choice',
	'too_many_choices',
	'duplicate_option',
	'duplicate_ranking',
	'score_out_of_range',
	'unknown_grade',
	'dots_exceeded',
	'dots_invalid',
	'poll_not_open',
	'role_not_eligible',
	'nomination_proposal_phase',
	'ballot_change_not_allowed',
	'room_counts_not_supported',
	'room_count_invalid'
] as const;
export type BallotErrorCode = (typeof BALLOT_ERROR_CODES)[number];

export const POLL_TRANSITION_ERROR_CODES = [
	'poll_not_draft',
	'poll_not_open',
	'poll_not_closed',
	'poll_published_final',
	'poll_draft_cannot_reveal',
	'poll_no_options',
	'invalid_countdown'
] as const;
export type PollTransitionErrorCode = (typeof POLL_TRANSITION_ERROR_CODES)[number];

export const NOMINATION_ERROR_CODES = [
	'proposal_name_required',
	'proposal_not_found',
	'proposal_merge_self',
	'proposal_already_merged',
	'shortlist_too_short',
	'nomination_not_proposal_phase'
] as const;
export type NominationErrorCode = (typeof NOMINATION_ERROR_CODES)[number];

export type VoteErrorCode =
	PollInputErrorCode | BallotErrorCode | PollTransitionErrorCode | NominationErrorCode;

// The tables below are built when the module loads; `@__PURE__` lets the bundler drop them from
// the pages that never read them (the light voting page: docs/performance.md « Page weight »).
export const VOTE_ERROR_CODES: readonly VoteErrorCode[] = /* @__PURE__ */ (() => [
	...new Set<VoteErrorCode>([
		...POLL_INPUT_ERROR_CODES,
		...BALLOT_ERROR_CODES,
		...POLL_TRANSITION_ERROR_CODES,
		...NOMINATION_ERROR_CODES
	])
])();

type KeyOf<C extends string> = C extends `${infer A}.${infer B}` ? `${A}_${KeyOf<B>}` : C;
export type VoteErrorMessageKey = `vote_error_${KeyOf<VoteErrorCode>}`;

export function voteErrorMessageKey<C extends VoteErrorCode>(code: C): `vote_error_${KeyOf<C>}` {
	return `vote_error_${code.replaceAll('.', '_')}` as `vote_error_${KeyOf<C>}`;
}

/** Error code → catalog key (src/messages/votes/*.json), for the edge to translate. */
export const VOTE_ERROR_MESSAGE_KEYS = /* @__PURE__ */ (() =>
	Object.fromEntries(VOTE_ERROR_CODES.map((code) => [code, voteErrorMessageKey(code)])))() as {
	readonly [C in VoteErrorCode]: `vote_error_${KeyOf<C>}`;
};

export const POLL_METHOD_MESSAGE_KEYS = /* @__PURE__ */ (() =>
	Object.fromEntries(POLL_METHODS.map((m) => [m, `vote_method_${m}`])))() as {
	readonly [M in PollMethod]: `vote_method_${M}`;
};

export const MJ_GRADE_MESSAGE_KEYS = /* @__PURE__ */ (() =>
	Object.fromEntries(MJ_GRADES.map((g) => [g, `vote_grade_${g}`])))() as {
	readonly [G in MjGrade]: `vote_grade_${G}`;
};

export const CONSENT_MESSAGE_KEYS = /* @__PURE__ */ (() =>
	Object.fromEntries(CONSENT_KEYS.map((k) => [k, `vote_consent_${k}`])))() as {
	readonly [K in ConsentKey]: `vote_consent_${K}`;
};
