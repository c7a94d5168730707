// The shapes of votes on the wire, shared by the JSON API, socket.io and the pages.
import type {
	BallotMethod,
	ChannelCounts,
	IrvRound,
	OptionResult,
	PollMethod,
	PollOption,
	PollSettings,
	PollStatus,
	Quorum,
	SourceResult
} from '../domain/poll-types';

/** What every member sees of a poll: no counts, only how many took part ("37 / 50"). */
export interface PollView {
	id: string;
	workshopId: string;
	question: string;
	method: PollMethod;
	/** The method ballots are cast in; null while a nomination collects proposals. */
	ballotMethod: BallotMethod | null;
	options: PollOption[];
	settings: PollSettings;
	status: PollStatus;
	revealed: boolean;
	openedAt: number | null;
	closesAt: number | null;
	closedAt: number | null;
	publishedAt: number | null;
	participation: { voted: number; eligible: number };
	serverNow: number;
	/** In `GET /api/workshops/:id/polls` only: whether the caller has a ballot in this poll. */
	voted?: boolean;
}

/** `GET /api/polls/:id/results`: counts absent (`hidden: true`) while the caller may not see them. */
export interface PollResults {
	pollId: string;
	question: string;
	method: PollMethod;
	status: PollStatus;
	secret: boolean;
	hidden: boolean;
	/** Online ballots; absent for the public before publication. */
	totalBallots?: number;
	eligible: number;
	quorum: Quorum | null;
	quorumMet?: boolean;
	winner?: string | null;
	adopted?: boolean;
	majorityMet?: boolean;
	expressed?: number;
	options: (Pick<OptionResult, 'id' | 'label'> & Partial<OptionResult>)[];
	rounds?: IrvRound[];
	bySource?: SourceResult[];
	/** Ballots by channel (web, SMS, USSD) and voters counted in the room; with the counts only. */
	channels?: ChannelCounts;
	openedAt: number | null;
	closedAt: number | null;
	publishedAt: number | null;
	/**
	 * Nominations scoped by quartier: one contest per quartier, each over its own candidates,
	 * hidden or shown like the whole. The top-level `winner` and `rounds` are then absent.
	 */
	byQuartier?: Record<string, QuartierResults>;
}

/** One quartier's contest; `eligible` is withheld below MIN_QUARTIER_TURNOUT members. */
export interface QuartierResults {
	quartier: string;
	hidden: boolean;
	totalBallots?: number;
	eligible?: number;
	quorumMet?: boolean;
	winner?: string | null;
	options: (Pick<OptionResult, 'id' | 'label'> & Partial<OptionResult>)[];
	rounds?: IrvRound[];
}

export interface BallotReceipt {
	pollId: string;
	ballotId: string;
	/** created → 201, repeat (same ballotId again) and replaced → 200. */
	outcome: 'created' | 'repeat' | 'replaced';
}

export const POLL_COMMANDS = ['open', 'close', 'reopen', 'reveal', 'publish'] as const;
export type PollCommandName = (typeof POLL_COMMANDS)[number];

/** Live tallies at most this often per poll: a broadcast to 5,000 sockets costs ~75 ms of CPU. */
export const TALLY_INTERVAL_MS = 200;
