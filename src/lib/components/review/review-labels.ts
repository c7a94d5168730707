// Labels and formats of the review and follow-up pages (catalog messages, locale-aware numbers
// and dates). Dates are shown in UTC: a plan's days are calendar days, not instants.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatIsoDay, formatMoney } from '$lib/domain/locale-format';
import type { ActionPriority, ActionStatus } from '$lib/domain/action-plan';
import type { ReviewStatus } from '$lib/domain/plan-review';

export const reviewStatusLabel: Record<ReviewStatus, () => string> = {
	draft: m.review_status_draft,
	submitted: m.review_status_submitted,
	changes_requested: m.review_status_changes_requested,
	approved: m.review_status_approved
};

export const actionStatusLabel: Record<ActionStatus, () => string> = {
	not_started: m.review_action_status_not_started,
	in_progress: m.review_action_status_in_progress,
	done: m.review_action_status_done,
	abandoned: m.review_action_status_abandoned
};

export const priorityLabel: Record<ActionPriority, () => string> = {
	high: m.review_priority_high,
	medium: m.review_priority_medium,
	low: m.review_priority_low
};

/** « 22 novembre 2026 », « 1er février 2027 » for an ISO instant or a `YYYY-MM-DD` day. */
export function formatDay(iso: string): string {
	return formatIsoDay(iso, getLocale());
}

/** « 1 500 000 FCFA »: grouped digits, the currency code after. */
export function formatAmount(amount: number, currency: string): string {
	return formatMoney(amount, currency, getLocale());
}

/** The first 12 hex digits: enough to compare two versions by eye. */
export function shortHash(hash: string): string {
	return hash.slice(0, 12);
}
