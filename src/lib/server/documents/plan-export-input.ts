// What every action-plan export (PDF, DOCX, CSV, JSON) receives: the actions of the exported
// version, their totals, the approval if it applies to exactly this content, the latest
// follow-up per action, and the labels in the reader's language. Built once per request by
// src/lib/server/plans/plan-exports.ts; no export reads the database.
import { formatDate as formatLongDate } from '../../domain/locale-format';
import type { BudgetTotals, PlanAction } from '../../domain/action-plan';
import type { PlanApproval } from '../plans/approval-query';

export const PLAN_EXPORT_FORMATS = ['pdf', 'docx', 'csv', 'json'] as const;
export type PlanExportFormat = (typeof PLAN_EXPORT_FORMATS)[number];

/** `current`: the live document (default); `approved`: the frozen version that was approved. */
export const PLAN_EXPORT_VERSIONS = ['current', 'approved'] as const;
export type PlanExportVersion = (typeof PLAN_EXPORT_VERSIONS)[number];

export interface PlanFollowup {
	status: string;
	progress: number;
	indicatorValue: string;
	note: string;
	date: string;
}

export interface PlanExportInput {
	documentId: string;
	title: string;
	workshopTitle: string;
	commune: string | null;
	/** The workshop's date, formatted by the caller ("22 novembre 2026"). */
	dateLabel: string;
	locale: string;
	version: PlanExportVersion;
	/** Hex SHA-256 of the exported Yjs state. */
	hash: string;
	exportedAt: Date;
	currency: string;
	axes: string[];
	actions: PlanAction[];
	totals: BudgetTotals;
	/** The current approval, whether or not it covers the exported content. */
	approval: PlanApproval | null;
	/** True when the approval was given on exactly these actions: only then is it shown as signed. */
	signed: boolean;
	followups: Record<string, PlanFollowup>;
	/** `export_<key>` from the catalog, in the request's language. */
	t: (key: string, params?: Record<string, unknown>) => string;
}

/**
 * Amounts with thousands separators: a no-break space in French ("1 500 000"), commas in
 * English. A no-break space rather than Intl's narrow one, which the standard PDF fonts lack.
 */
export function formatAmount(value: number, locale: string): string {
	const separator = locale.startsWith('fr') ? '\u00a0' : ',';
	return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

export function formatMoney(value: number, currency: string, locale: string): string {
	return `${formatAmount(value, locale)}\u00a0${currency}`;
}

/** « 1er février 2027 » (the shared formatter: French ordinal for the first of the month). */
export function formatDate(date: Date, locale: string): string {
	return formatLongDate(date, locale);
}

/** "2027-01-15" as "15/01/2027" (fr) or "01/15/2027" (en); '' stays ''. */
export function formatIsoDate(iso: string, locale: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) return iso;
	return locale.startsWith('fr')
		? `${match[3]}/${match[2]}/${match[1]}`
		: `${match[2]}/${match[3]}/${match[1]}`;
}

export function shortHash(hash: string): string {
	return hash.slice(0, 12);
}

/** The cells every tabular export shows for one action, as text. */
export function actionCells(input: PlanExportInput, action: PlanAction) {
	const { t, locale } = input;
	const period = [action.start, action.deadline]
		.map((date) => formatIsoDate(date, locale))
		.join(' – ');
	const indicator = [
		action.indicator,
		action.baseline || action.target ? `${action.baseline || '?'} → ${action.target || '?'}` : ''
	]
		.filter(Boolean)
		.join('\n');
	return {
		title: action.title,
		description: action.description,
		owner: action.owner,
		partners: action.partners,
		budget: action.budget === null ? '' : formatMoney(action.budget, action.currency, locale),
		funding: action.funding,
		period: action.start || action.deadline ? period : '',
		indicator,
		axis: action.axis,
		priority: action.priority ? t(`priority_${action.priority}`) : '',
		status: t(`status_${action.status}`)
	};
}

/** Rows of a totals table: label and amount per currency, sorted by label, empty key last. */
export function totalRows(
	input: PlanExportInput,
	totals: Record<string, Record<string, number>>,
	emptyLabel: string
): { label: string; amount: string }[] {
	return Object.keys(totals)
		.sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, input.locale)))
		.map((key) => ({ label: key || emptyLabel, amount: moneyList(input, totals[key]) }));
}

/** "1 500 000 FCFA" or, for a plan mixing currencies, "1 500 000 FCFA + 2 000 EUR". */
export function moneyList(input: PlanExportInput, amounts: Record<string, number>): string {
	const entries = Object.entries(amounts);
	if (entries.length === 0) return formatMoney(0, input.currency, input.locale);
	return entries.map(([cur, n]) => formatMoney(n, cur, input.locale)).join(' + ');
}
