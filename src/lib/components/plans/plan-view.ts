// What the table and the cards show of a field (display text, sort key), shared by both views.
import type { PlanRow } from '$lib/client/plan-live.svelte';
import { formatAmount } from '$lib/domain/plan-format';
import { formatIsoDay } from '$lib/domain/locale-format';
import { getLocale } from '$lib/paraglide/runtime';
import type { EditableField } from './plan-labels';
import { priorityLabel, statusLabel } from './plan-labels';

/**
 * Rows the table draws at once, and the server renders as HTML: a screenful. The rest follow in
 * slices between frames (PlanTable) once the page is interactive.
 */
export const FIRST_ROWS = 25;

export function displayValue(row: PlanRow, field: EditableField): string {
	const action = row.action;
	switch (field) {
		case 'budget':
			if (action.budget !== null) return `${formatAmount(action.budget)} ${action.currency}`;
			return typeof row.rawBudget === 'string' ? row.rawBudget : '';
		case 'priority':
			return action.priority ? priorityLabel[action.priority]() : '';
		case 'status':
			return statusLabel[action.status]();
		case 'start':
		case 'deadline':
			// « 1er févr. 2027 », not the stored 2027-02-01.
			return formatIsoDay(action[field], getLocale(), 'medium');
		default:
			return action[field];
	}
}

const PRIORITY_ORDER = { high: 0, medium: 1, low: 2, '': 3 } as const;
const STATUS_ORDER = { not_started: 0, in_progress: 1, done: 2, abandoned: 3 } as const;

export function compareRows(field: EditableField, a: PlanRow, b: PlanRow): number {
	const x = a.action;
	const y = b.action;
	switch (field) {
		case 'budget':
			// Empty budgets last in ascending order.
			return (x.budget ?? Number.MAX_SAFE_INTEGER) - (y.budget ?? Number.MAX_SAFE_INTEGER);
		case 'priority':
			return PRIORITY_ORDER[x.priority] - PRIORITY_ORDER[y.priority];
		case 'status':
			return STATUS_ORDER[x.status] - STATUS_ORDER[y.status];
		case 'start':
		case 'deadline':
			return (x[field] || '9999').localeCompare(y[field] || '9999');
		default:
			return x[field].localeCompare(y[field], 'fr', { sensitivity: 'base', numeric: true });
	}
}
