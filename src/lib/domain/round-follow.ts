// « Tout le monde ici » without a trap: when may a phone be taken to the current round's activity?
// Only a participant, only when the round (or the activity it points at) has changed since this
// device last saw it, and only from the workshop page or from the previous round's activity. A
// phone that stepped out on purpose (to the hub, to raise its hand, to a document) stays there
// and gets a « revenir à l'activité en cours » link instead; the next change takes it along again.
import type { MemberRole } from './workshop';

/** The current round as a device sees it: which round, and the page of its activity. */
export interface RoundTarget {
	roundId: string;
	/** Path of the round's activity page (the workshop page when it links none). */
	target: string;
}

export interface FollowInput {
	role: MemberRole;
	/** Path of the page the device is on. */
	here: string;
	/** Path of the workshop page (the hub). */
	hub: string;
	/** The current round; null before the agenda is known or when no round runs. */
	round: RoundTarget | null;
	/** The last round this device was shown (kept for the tab's life, across pages). */
	seen: RoundTarget | null;
}

export interface FollowDecision {
	/** Where to go now, or null to stay. */
	go: string | null;
	/** What to remember as seen from now on. */
	seen: RoundTarget | null;
}

/** Facilitators run the room, observers project it, reviewers review: only participants follow. */
export function followsRounds(role: MemberRole): boolean {
	return role === 'participant';
}

export function sameRound(a: RoundTarget | null, b: RoundTarget | null): boolean {
	return a !== null && b !== null && a.roundId === b.roundId && a.target === b.target;
}

export function followDecision({ role, here, hub, round, seen }: FollowInput): FollowDecision {
	if (round === null || sameRound(round, seen)) return { go: null, seen };
	const fromPrevious = here === hub || (seen !== null && here === seen.target);
	const go = followsRounds(role) && fromPrevious && here !== round.target ? round.target : null;
	return { go, seen: round };
}
