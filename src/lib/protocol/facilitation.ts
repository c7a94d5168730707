// Wire shapes of the speaking queue, the reactions and the inclusion panel, shared by the JSON API,
// socket.io and the pages.
import type { Reaction } from '../domain/speaking-queue';
import type { InclusionStats } from '../domain/inclusion-stats';

export interface QueueWaitingView {
	memberId: string;
	displayName: string;
	raisedAt: number;
	/** Has not had the floor yet in this workshop (what "priorité aux premières prises" favours). */
	firstTime: boolean;
}

/** The queue as everyone sees it (`GET /api/workshops/:id/queue`, `queue:state`). */
export interface QueueView {
	/** In speaking order (`orderedQueue`), not arrival order. */
	waiting: QueueWaitingView[];
	current: { memberId: string; displayName: string; startedAt: number } | null;
	firstTimersFirst: boolean;
	serverNow: number;
}

export type QueueState = QueueView & { workshopId: string };

/** Recent reactions, anonymous: clients count them down on their own clock (no expiry messages). */
export interface ReactionsState {
	workshopId: string;
	recent: Array<{ reaction: Reaction; at: number }>;
	windowMs: number;
	serverNow: number;
}

/** `GET /api/workshops/:id/inclusion` (facilitators only). */
export interface InclusionView {
	stats: InclusionStats;
	/** Activities not measured yet in this version (their figures are all zero, not "nobody"). */
	unmeasured: Array<'voted' | 'wrote'>;
	serverNow: number;
}
