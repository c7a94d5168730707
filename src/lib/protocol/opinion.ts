// The opinion map's wire contract (issue #16), shared by the HTTP API, the socket events and the
// screens. The server computes everything here (services/opinion-maps.ts); clients only render.
// Privacy: nothing in these types carries another member's individual votes — a participant sees
// anonymous points (their own marked `you`) and per-group shares.

/** Agree, disagree, pass (« je passe »). */
export type OpinionVote = 1 | -1 | 0;
export const OPINION_VOTES = [1, -1, 0] as const;

export type StatementStatus = 'pending' | 'approved' | 'hidden';
export type OpinionModeration = 'pre' | 'post';
export type StatementModerationAction = 'approve' | 'hide' | 'unhide';
export type PromotionTarget = 'article' | 'amendment' | 'action';

/** Longest statement, in characters after trimming (the phone shows a live counter). */
export const STATEMENT_MAX_LENGTH = 140;
/** Polis' rule: a participant is placed on the map once they voted on this many statements. */
export const MIN_VOTES_TO_PLACE = 7;

export interface OpinionMapSummary {
	id: string;
	workshopId: string;
	prompt: string;
	/** `pre`: participants' statements wait for a facilitator; `post`: shown at once, hideable. */
	moderation: OpinionModeration;
	open: boolean;
	createdAt: string;
	/** Approved statements (the ones people vote on). */
	statementCount: number;
}

export interface StatementView {
	id: string;
	text: string;
	status: StatementStatus;
	mine: boolean;
	/** Written by a facilitator when creating the map. */
	seed: boolean;
	createdAt: string;
	/** Facilitators only. */
	counts?: { agree: number; disagree: number; pass: number };
}

export type OpinionMapDetail = OpinionMapSummary & { statements: StatementView[] };

export interface NextStatement {
	statement: { id: string; text: string };
	progress: { voted: number; total: number };
}

export interface GroupView {
	/** Stable across recomputations (matched to the previous centroids). */
	id: number;
	size: number;
	/** 'A', 'B', … follows `id`, so a group keeps its letter (and colour) while it lives. */
	label: string;
	representative: {
		statementId: string;
		text: string;
		/** Shares 0..1 over the group's members who voted on it. */
		agree: number;
		disagree: number;
		pass: number;
		direction: 'agree' | 'disagree';
	}[];
	/** Counts below 5 are masked so that nobody is singled out. */
	inclusion: { women: number | '<5'; under35: number | '<5'; size: number };
}

export interface StatementScore {
	statementId: string;
	text: string;
	/** Shares 0..1 over the statement's voters. */
	agree: number;
	disagree: number;
	pass: number;
	/** Shares 0..1 over the group's voters on this statement. */
	byGroup: { group: number; agree: number; disagree: number; voters: number }[];
}

export interface OpinionAnalysis {
	mapId: string;
	/** Grows with each recomputation. */
	version: number;
	computedAt: string;
	/** Members who voted at least once. */
	participants: number;
	/** Members with at least `minVotes` votes: the points. */
	placed: number;
	minVotes: number;
	groups: GroupView[];
	consensus: StatementScore[];
	divisive: StatementScore[];
	/** x, y normalised to [-1, 1]; `you` only on the caller's own point. Order carries no identity. */
	points: { x: number; y: number; group: number; you?: true }[];
}

// HTTP bodies (validated by the zod schemas in src/lib/domain/opinion-schemas.ts).
export interface CreateOpinionMapBody {
	prompt: string;
	seeds?: string[];
	moderation?: OpinionModeration;
}
export interface UpdateOpinionMapBody {
	open?: boolean;
	moderation?: OpinionModeration;
	prompt?: string;
}
export interface VoteBody {
	statementId: string;
	vote: OpinionVote;
}
export interface PromoteBody {
	to: PromotionTarget;
	/** The charter document (article, amendment). */
	documentId?: string;
	/** The article amended (amendment). */
	articleId?: string;
	/** The action plan (action). */
	planId?: string;
}
export interface PromoteResult {
	kind: PromotionTarget;
	id: string;
}

/** Socket payloads (server → workshop room). */
export interface OpinionChanged {
	mapId: string;
	statementCount: number;
}
export interface OpinionAnalysisReady {
	mapId: string;
	version: number;
}
