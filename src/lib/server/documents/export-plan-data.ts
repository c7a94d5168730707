// The action plan as open data: CSV (one row per action, every field, its labels and its latest
// follow-up, UTF-8 with a BOM so that Excel reads the accents) and JSON (the plan, its actions,
// totals and approval). Column names and JSON keys are stable English identifiers: scripts read
// them; the human labels sit in their own columns.
import { ACTION_KEYS } from '../../domain/action-plan';
import { csvRows } from '../csv';
import type { PlanExportInput } from './plan-export-input';

const BOM = '\ufeff';

export const PLAN_CSV_COLUMNS = [
	'number',
	...ACTION_KEYS,
	'status_label',
	'priority_label',
	'followup_status',
	'followup_progress',
	'followup_indicator_value',
	'followup_date',
	'followup_note',
	'plan_version',
	'plan_hash',
	'plan_approved',
	'approved_at',
	'approval_hash'
] as const;

export function exportPlanCsv(input: PlanExportInput): string {
	const { t } = input;
	const approvedAt = input.signed && input.approval ? input.approval.approvedAt.toISOString() : '';
	const rows = input.actions.map((action, i) => {
		const followup = input.followups[action.id];
		const values: Record<(typeof PLAN_CSV_COLUMNS)[number], string | number | null> = {
			number: i + 1,
			...action,
			status_label: t(`status_${action.status}`),
			priority_label: action.priority ? t(`priority_${action.priority}`) : '',
			followup_status: followup?.status ?? '',
			followup_progress: followup?.progress ?? null,
			followup_indicator_value: followup?.indicatorValue ?? '',
			followup_date: followup?.date ?? '',
			followup_note: followup?.note ?? '',
			plan_version: input.version,
			plan_hash: input.hash,
			plan_approved: input.signed ? 'yes' : 'no',
			approved_at: approvedAt,
			approval_hash: input.signed && input.approval ? input.approval.hash : ''
		};
		return PLAN_CSV_COLUMNS.map((column) => values[column]);
	});
	return BOM + csvRows([[...PLAN_CSV_COLUMNS], ...rows]);
}

export function exportPlanJson(input: PlanExportInput): string {
	const approval = input.approval && {
		signatoryName: input.approval.signatoryName,
		signatoryTitle: input.approval.signatoryTitle,
		statement: input.approval.statement,
		approvedAt: input.approval.approvedAt.toISOString(),
		versionId: input.approval.versionId,
		hash: input.approval.hash,
		/** Whether the approval covers exactly the actions of this export. */
		coversExport: input.signed
	};
	const body = {
		document: { id: input.documentId, kind: 'action_plan', title: input.title },
		workshop: { title: input.workshopTitle, commune: input.commune, date: input.dateLabel },
		version: { kind: input.version, hash: input.hash },
		exportedAt: input.exportedAt.toISOString(),
		currency: input.currency,
		axes: input.axes,
		actions: input.actions.map((action) => ({
			...action,
			followup: input.followups[action.id] ?? null
		})),
		totals: input.totals,
		approval
	};
	return JSON.stringify(body, null, 2) + '\n';
}
