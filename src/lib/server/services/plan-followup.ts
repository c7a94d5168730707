// Suivi-évaluation of an approved plan: dated updates per action (status, progress, indicator
// value, note) posted by the workshop's facilitators and reviewers, and the public, login-free
// view of exactly the approved version with its follow-up (page, JSON and CSV open data).
import type { User } from '../repositories/users';
import type { DocumentsRepository } from '../repositories/documents';
import type { PlanReviewRepository } from '../repositories/plan-review';
import type { PlanFollowupRow, WorkshopRow } from '../db/schema';
import { budgetTotals, DEFAULT_CURRENCY, type PlanAction } from '../../domain/action-plan';
import { currentFollowups, isoDay, type FollowupEntry } from '../../domain/plan-review';
import { followupSchema } from '../../domain/plan-review-schemas';
import { readActionsFromState } from '../plans/read-plan';
import { csvRows } from '../csv';
import { ServiceError } from './service-error';
import { isUuid } from './workshops';
import { validate } from './validate';
import type { DocumentService } from './documents';
import { reviewError } from './plan-review';

function entryOf(row: PlanFollowupRow): FollowupEntry {
	return {
		id: row.id,
		actionId: row.actionId,
		status: row.status,
		progress: row.progress,
		indicatorValue: row.indicatorValue,
		note: row.note,
		date: row.date
	};
}

/** What the public sees of an update: no author, no internal id. */
function publicUpdate(entry: FollowupEntry) {
	return {
		date: entry.date,
		status: entry.status,
		progress: entry.progress,
		indicatorValue: entry.indicatorValue,
		note: entry.note
	};
}

export const FOLLOWUP_CSV_HEADER = [
	'action_id',
	'title',
	'owner',
	'partners',
	'budget',
	'currency',
	'funding',
	'start',
	'deadline',
	'axis',
	'priority',
	'indicator',
	'baseline',
	'target',
	'status',
	'progress',
	'indicator_value',
	'last_update',
	'last_note',
	'approved_by',
	'approved_title',
	'approved_at',
	'version_hash'
] as const;

export function createPlanFollowupService(deps: {
	repo: PlanReviewRepository;
	documentsRepo: DocumentsRepository;
	documents: DocumentService;
	findWorkshop: (id: string) => Promise<WorkshopRow | null>;
	now: () => number;
}) {
	const { repo, documentsRepo, documents, findWorkshop, now } = deps;

	/** The approved version's actions; 404 for anything not an approved action plan. */
	async function approvedPlan(documentId: string) {
		const document = isUuid(documentId) ? await documentsRepo.find(documentId.toLowerCase()) : null;
		if (!document || document.kind !== 'action_plan') throw new ServiceError('not_found');
		const approval = await repo.latestApproval(document.id);
		const workshop = approval ? await findWorkshop(document.workshopId) : null;
		if (!approval || !workshop) throw new ServiceError('not_found');
		const [state, currency] = await Promise.all([
			repo.findState(approval.versionId),
			repo.currency(workshop.id)
		]);
		if (!state) throw new ServiceError('not_found');
		const actions = readActionsFromState(state, currency ?? DEFAULT_CURRENCY);
		return { document, workshop, approval, actions };
	}

	/** Public: the approved plan and its follow-up, for anyone, without an account. */
	async function publicPlan(documentId: string) {
		const { document, workshop, approval, actions } = await approvedPlan(documentId);
		const entries = (await repo.listFollowups(document.id)).map(entryOf);
		const current = currentFollowups(entries);
		const known = new Set(actions.map((action) => action.id));
		const updates = new Map<string, FollowupEntry[]>();
		for (const entry of entries) {
			if (!known.has(entry.actionId)) continue;
			const list = updates.get(entry.actionId) ?? [];
			list.push(entry);
			updates.set(entry.actionId, list);
		}
		return {
			document: { id: document.id, title: document.title },
			workshop: { title: workshop.title, commune: workshop.commune },
			version: { id: approval.versionId, hash: approval.hash },
			approval: {
				signatoryName: approval.signatoryName,
				signatoryTitle: approval.signatoryTitle,
				statement: approval.statement,
				approvedAt: approval.approvedAt.toISOString()
			},
			totals: budgetTotals(actions),
			actions: actions.map((action: PlanAction) => {
				const latest = current.get(action.id);
				return {
					...action,
					followup: latest ? publicUpdate(latest) : null,
					updates: (updates.get(action.id) ?? []).map(publicUpdate)
				};
			})
		};
	}

	return {
		publicPlan,
		async csv(documentId: string) {
			const plan = await publicPlan(documentId);
			const { approval } = plan;
			const rows = plan.actions.map((action) => [
				action.id,
				action.title,
				action.owner,
				action.partners,
				action.budget,
				action.currency,
				action.funding,
				action.start,
				action.deadline,
				action.axis,
				action.priority,
				action.indicator,
				action.baseline,
				action.target,
				action.followup?.status ?? action.status,
				action.followup?.progress ?? 0,
				action.followup?.indicatorValue ?? '',
				action.followup?.date ?? '',
				action.followup?.note ?? '',
				approval.signatoryName,
				approval.signatoryTitle,
				approval.approvedAt,
				plan.version.hash
			]);
			return { body: csvRows([FOLLOWUP_CSV_HEADER, ...rows]), title: plan.document.title };
		},
		/** A dated update of one action of the approved version. */
		async post(user: User | null, documentId: string, input: unknown) {
			const { document, workshop } = await documents.requireAccess(
				user,
				'plan.followup',
				documentId
			);
			if (document.kind !== 'action_plan') throw reviewError('validation', 'not_action_plan');
			const data = validate(followupSchema, input);
			const approval = await repo.latestApproval(document.id);
			if (!approval) throw reviewError('conflict', 'not_approved');
			const state = await repo.findState(approval.versionId);
			const actions = state ? readActionsFromState(state) : [];
			if (!actions.some((action) => action.id === data.actionId))
				throw reviewError('validation', 'unknown_action', 'actionId');
			const row = await repo.transaction(async (tx) => {
				const row = await tx.insertFollowup({
					documentId: document.id,
					actionId: data.actionId,
					status: data.status,
					progress: data.progress,
					indicatorValue: data.indicatorValue ?? null,
					note: data.note ?? null,
					date: data.date ?? isoDay(now()),
					authorUserId: user!.id
				});
				await tx.audit({
					workshopId: workshop.id,
					actor: user!.id,
					action: 'plan.followup',
					subject: document.id,
					data: {
						followupId: row.id,
						actionId: row.actionId,
						status: row.status,
						progress: row.progress,
						date: row.date
					}
				});
				return row;
			});
			return { id: row.id, actionId: row.actionId, ...publicUpdate(entryOf(row)) };
		}
	};
}

export type PlanFollowupService = ReturnType<typeof createPlanFollowupService>;
