// The Plan d'Action Local in plain form: what one action holds, how it is checked, and the
// totals a plan shows. The live plan is a Y.Doc (layout below); the server, the exports and the
// public follow-up page read it into `PlanAction`s (src/lib/server/plans/read-plan.ts) and apply
// these rules to the result. No Yjs and no zod here: the phone's card view imports this module.

/**
 * Y.Doc layout of an action plan document (kind `action_plan`), so any standard Yjs client (an
 * import script, a test) can read and write it:
 * `doc.getArray(ACTIONS_ARRAY)` of `Y.Map`s with the `ACTION_KEYS` fields. `description` is a
 * `Y.XmlFragment` (rich text, the same Tiptap schema as the charter); `title`, `owner`,
 * `partners`, `funding`, `indicator`, `baseline`, `target` are `Y.Text` so that two people typing
 * in the same field merge as text; `budget` is an integer; `start`/`deadline` are ISO dates
 * (`YYYY-MM-DD`) as strings; the others are plain strings.
 */
export const ACTIONS_ARRAY = 'actions';

export const ACTION_KEYS = [
	'id',
	'title',
	'description',
	'owner',
	'partners',
	'budget',
	'currency',
	'funding',
	'start',
	'deadline',
	'indicator',
	'baseline',
	'target',
	'axis',
	'priority',
	'status'
] as const;
export type ActionKey = (typeof ACTION_KEYS)[number];

/** Fields typed as free text: stored as Y.Text so concurrent typing merges. */
export const TEXT_FIELDS = [
	'title',
	'owner',
	'partners',
	'funding',
	'indicator',
	'baseline',
	'target'
] as const satisfies readonly ActionKey[];

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'abandoned'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

/** FCFA by default; a workshop may configure another currency code. */
export const DEFAULT_CURRENCY = 'FCFA';

/** One action as read from the Y.Doc: every field present, loose values kept as typed. */
export interface PlanAction {
	id: string;
	title: string;
	/** The description's plain text (paragraphs joined by newlines) for tables and exports. */
	description: string;
	owner: string;
	partners: string;
	/** `null` when empty or not an integer (validation says which). */
	budget: number | null;
	currency: string;
	funding: string;
	/** ISO `YYYY-MM-DD`, or '' when not set. */
	start: string;
	deadline: string;
	indicator: string;
	baseline: string;
	target: string;
	axis: string;
	priority: ActionPriority | '';
	status: ActionStatus;
}

export type ActionField = Exclude<ActionKey, 'id'>;

/** Why a field is invalid; each code has a message `plans_invalid_<code>`. */
export const ACTION_PROBLEMS = [
	'title_required',
	'budget_not_integer',
	'budget_negative',
	'date_invalid',
	'deadline_before_start'
] as const;
export type ActionProblem = (typeof ACTION_PROBLEMS)[number];

export interface FieldProblem {
	field: ActionField;
	problem: ActionProblem;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in `YYYY-MM-DD` (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/**
 * Reads what was typed in a budget field: digits with optional spaces, dots or thin spaces as
 * thousands separators ("1 500 000", "1.500.000"). Returns `null` for empty input.
 */
export function parseBudget(
	input: string
): { ok: true; value: number | null } | { ok: false; problem: ActionProblem } {
	const compact = input.replace(/[\s\u00a0\u202f.]/g, '');
	if (compact === '') return { ok: true, value: null };
	if (/^-\d+$/.test(compact)) return { ok: false, problem: 'budget_negative' };
	if (!/^\d+$/.test(compact)) return { ok: false, problem: 'budget_not_integer' };
	const value = Number(compact);
	return Number.isSafeInteger(value)
		? { ok: true, value }
		: { ok: false, problem: 'budget_not_integer' };
}

/**
 * Edge validation: shown inline next to the field, never blocking the save (the document keeps
 * what was typed). `rawBudget` is the budget as stored when it is not a clean integer.
 */
export function validateAction(
	action: Pick<PlanAction, 'title' | 'budget' | 'start' | 'deadline'>,
	rawBudget?: unknown
): FieldProblem[] {
	const problems: FieldProblem[] = [];
	if (action.title.trim() === '') problems.push({ field: 'title', problem: 'title_required' });
	if (rawBudget !== undefined && rawBudget !== null && rawBudget !== '') {
		if (typeof rawBudget === 'number') {
			if (!Number.isSafeInteger(rawBudget))
				problems.push({ field: 'budget', problem: 'budget_not_integer' });
			else if (rawBudget < 0) problems.push({ field: 'budget', problem: 'budget_negative' });
		} else {
			const parsed = parseBudget(String(rawBudget));
			if (!parsed.ok) problems.push({ field: 'budget', problem: parsed.problem });
		}
	} else if (action.budget !== null && action.budget < 0) {
		problems.push({ field: 'budget', problem: 'budget_negative' });
	}
	const startOk = action.start === '' || isIsoDate(action.start);
	const deadlineOk = action.deadline === '' || isIsoDate(action.deadline);
	if (!startOk) problems.push({ field: 'start', problem: 'date_invalid' });
	if (!deadlineOk) problems.push({ field: 'deadline', problem: 'date_invalid' });
	if (startOk && deadlineOk && action.start !== '' && action.deadline !== '') {
		if (action.deadline <= action.start)
			problems.push({ field: 'deadline', problem: 'deadline_before_start' });
	}
	return problems;
}

export interface BudgetTotals {
	/** Sum of valid budgets, per currency (a plan normally has one). */
	total: Record<string, number>;
	/** axis → currency → sum; actions without an axis under ''. */
	byAxis: Record<string, Record<string, number>>;
	/** funding source → currency → sum; actions without a source under ''. */
	byFunding: Record<string, Record<string, number>>;
	/** Actions whose budget is empty or invalid: shown, so a total is never silently partial. */
	withoutBudget: number;
}

function add(into: Record<string, Record<string, number>>, key: string, cur: string, n: number) {
	// Keys are free text typed by people: a Map-like null-prototype object keeps "constructor" safe.
	const row = Object.hasOwn(into, key) ? into[key] : (into[key] = Object.create(null));
	row[cur] = (row[cur] ?? 0) + n;
}

/** Budget by PDC axis and by funding source; abandoned actions count too (they were planned). */
export function budgetTotals(actions: readonly PlanAction[]): BudgetTotals {
	const totals: BudgetTotals = {
		total: Object.create(null),
		byAxis: Object.create(null),
		byFunding: Object.create(null),
		withoutBudget: 0
	};
	for (const action of actions) {
		if (action.budget === null || action.budget < 0) {
			totals.withoutBudget += 1;
			continue;
		}
		const cur = action.currency || DEFAULT_CURRENCY;
		totals.total[cur] = (totals.total[cur] ?? 0) + action.budget;
		add(totals.byAxis, action.axis.trim(), cur, action.budget);
		add(totals.byFunding, action.funding.trim(), cur, action.budget);
	}
	return totals;
}
