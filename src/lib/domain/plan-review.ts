// Review, sign-off and public follow-up of an action plan, as plain rules over plain data: the
// statuses a plan goes through, who may do what, and which follow-up update is current. No I/O,
// no zod (the review page imports it).
import type { MemberRole } from './workshop';
import { allows } from './permissions';
import type { ActionStatus } from './action-plan';

/** `draft` until the first submission; then the newest submission's status. */
export const REVIEW_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** In-app (and e-mail) notifications; each has messages `review_notify_<kind>` (+ `_subject`). */
export const NOTIFICATION_KINDS = [
	'plan_submitted',
	'plan_approved',
	'plan_changes_requested'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Domain refusals; each has a message `review_error_<code>` shown instead of the generic one. */
export const REVIEW_ERROR_CODES = [
	'not_action_plan',
	'not_submitted',
	'not_approved',
	'version_changed',
	'already_approved',
	'already_signed',
	'signatory_required',
	'comment_required',
	'unknown_action',
	'empty_plan'
] as const;
export type ReviewErrorCode = (typeof REVIEW_ERROR_CODES)[number];

export const REVIEW_LIMITS = {
	comment: 2000,
	signatoryName: 120,
	signatoryTitle: 200,
	statement: 2000,
	indicatorValue: 200,
	note: 1000
} as const;

/** Mayors and councillors decide; the facilitator submits and answers (the permission table). */
export function canDecide(role: MemberRole): boolean {
	return allows(role, 'plan.sign');
}

/** Comments on a submitted version: the reviewers and the facilitators who answer them. */
export function canComment(role: MemberRole): boolean {
	return allows(role, 'plan.comment');
}

/** Suivi-évaluation is the commune's word, not the room's: facilitators and reviewers only. */
export function canFollowUp(role: MemberRole): boolean {
	return allows(role, 'plan.followup');
}

/**
 * Whether a decision may land on a submission in `status`. An approval is a signature: once a
 * version is approved it cannot be sent back (submit a new version instead), but a reviewer may
 * still co-sign it, and a mayor may approve a version a councillor had sent back.
 */
export function decisionRefusal(
	status: 'submitted' | 'changes_requested' | 'approved',
	decision: 'approve' | 'request_changes',
	alreadySignedByCaller: boolean
): ReviewErrorCode | null {
	if (decision === 'request_changes' && status === 'approved') return 'already_approved';
	if (decision === 'approve' && alreadySignedByCaller) return 'already_signed';
	return null;
}

export interface FollowupEntry {
	id: number;
	actionId: string;
	status: ActionStatus;
	progress: number;
	indicatorValue: string | null;
	note: string | null;
	/** ISO `YYYY-MM-DD`: the day the update speaks of. */
	date: string;
}

/** Newest first: by the day it speaks of, then by the order it was typed in. */
export function compareFollowups(a: FollowupEntry, b: FollowupEntry): number {
	if (a.date !== b.date) return a.date < b.date ? 1 : -1;
	return b.id - a.id;
}

/** The current follow-up of each action (the newest update), by action id. */
export function currentFollowups(entries: readonly FollowupEntry[]): Map<string, FollowupEntry> {
	const current = new Map<string, FollowupEntry>();
	for (const entry of [...entries].sort(compareFollowups)) {
		if (!current.has(entry.actionId)) current.set(entry.actionId, entry);
	}
	return current;
}

/** Today in UTC as `YYYY-MM-DD` (the default date of a follow-up update). */
export function isoDay(at: number | Date): string {
	return new Date(at).toISOString().slice(0, 10);
}
