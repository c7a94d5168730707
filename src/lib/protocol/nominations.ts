// The shapes of a nomination's proposal phase on the wire (JSON API, socket.io and the pages).
// Proposals are not public before the shortlist: a participant gets their own proposals and the
// count, facilitators get the whole list with the duplicates the server suggests.
import type { Candidate } from '../domain/nomination';
import type { NominationPhase } from '../domain/poll-types';

export interface ProposalView {
	id: string;
	name: string;
	reason: string;
	quartier: string | null;
	/** Set once a facilitator merged this proposal into another one. */
	mergedInto: string | null;
	shortlisted: boolean;
	createdAt: number;
	/** Facilitators only: who put the name forward. */
	proposerName?: string | null;
}

export interface NominationBoard {
	pollId: string;
	phase: NominationPhase;
	scope: 'none' | 'quartier';
	/** Every proposal made, merged ones included: what the room sees ("12 propositions"). */
	count: number;
	/** How many proposals one member may make. */
	limit: number;
	/** The caller's own proposals (empty in the facilitators' broadcast). */
	mine: ProposalView[];
	/** The caller's declared quartier, where a scoped nomination files their proposals. */
	myQuartier: string | null;
	/** Facilitators only. */
	proposals?: ProposalView[];
	candidates?: Candidate[];
	/** Groups of proposal ids that look like the same person (same quartier): to merge or not. */
	duplicates?: string[][];
}
