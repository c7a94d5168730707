// Catalog lookups of the plan page: field names, statuses, priorities and validation problems.
import { m } from '$lib/paraglide/messages';
import type {
	ActionField,
	ActionPriority,
	ActionProblem,
	ActionStatus
} from '$lib/domain/action-plan';

export const fieldLabel: Record<ActionField, () => string> = {
	title: m.plans_draft_field_title,
	description: m.plans_draft_field_description,
	owner: m.plans_draft_field_owner,
	partners: m.plans_draft_field_partners,
	budget: m.plans_draft_field_budget,
	currency: m.plans_draft_settings_currency,
	funding: m.plans_draft_field_funding,
	start: m.plans_draft_field_start,
	deadline: m.plans_draft_field_deadline,
	indicator: m.plans_draft_field_indicator,
	baseline: m.plans_draft_field_baseline,
	target: m.plans_draft_field_target,
	axis: m.plans_draft_field_axis,
	priority: m.plans_draft_field_priority,
	status: m.plans_draft_field_status
};

export const statusLabel: Record<ActionStatus, () => string> = {
	not_started: m.plans_status_not_started,
	in_progress: m.plans_status_in_progress,
	done: m.plans_status_done,
	abandoned: m.plans_status_abandoned
};

export const priorityLabel: Record<ActionPriority, () => string> = {
	high: m.plans_priority_high,
	medium: m.plans_priority_medium,
	low: m.plans_priority_low
};

export const problemLabel: Record<ActionProblem, () => string> = {
	title_required: m.plans_invalid_title_required,
	budget_not_integer: m.plans_invalid_budget_not_integer,
	budget_negative: m.plans_invalid_budget_negative,
	date_invalid: m.plans_invalid_date_invalid,
	deadline_before_start: m.plans_invalid_deadline_before_start
};

/** The columns of the table and the fields of a card, in reading order. */
export const EDITABLE_FIELDS = [
	'title',
	'owner',
	'partners',
	'budget',
	'funding',
	'start',
	'deadline',
	'indicator',
	'baseline',
	'target',
	'axis',
	'priority',
	'status'
] as const satisfies readonly ActionField[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/**
 * Columns the table hides until "all columns" is chosen: without them the table fits a 1366 px
 * laptop. Cards (phones) always show every field.
 */
export const SECONDARY_FIELDS: readonly EditableField[] = [
	'partners',
	'funding',
	'baseline',
	'priority'
];
