// Review and sign-off of an action plan: the facilitator submits (a frozen version and its
// hash), reviewers comment per action and approve (a signature bound to that hash) or send it
// back. Every step is audited and notifies the people concerned in the same transaction.
import * as Y from 'yjs';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { User } from '../repositories/users';
import type { PlanReviewRepository } from '../repositories/plan-review';
import type { PlanCommentRow } from '../db/schema';
import { budgetTotals, DEFAULT_CURRENCY } from '../../domain/action-plan';
import { decisionRefusal, type ReviewErrorCode, type ReviewStatus } from '../../domain/plan-review';
import { commentSchema, reviewSchema } from '../../domain/plan-review-schemas';
import { readActions, readActionsFromState } from '../plans/read-plan';
import { translate } from '../i18n';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { DocumentAccess, DocumentService } from './documents';
import type { LiveDocumentsPort } from './live-documents';
import { mailLocale, type NotificationService } from './notifications';

/** A refusal whose `review_error_<reason>` message the edge shows. */
export function reviewError(
	code: 'validation' | 'conflict',
	reason: ReviewErrorCode,
	field?: string
): ServiceError {
	return new ServiceError(code, { ...(field ? { field } : {}), params: { reason } });
}

function commentView(row: PlanCommentRow) {
	return {
		id: row.id,
		actionId: row.actionId,
		authorName: row.authorName,
		body: row.body,
		createdAt: row.createdAt.toISOString()
	};
}

export function reviewLink(code: string, documentId: string) {
	return `/w/${code}/plans/${documentId}/revue`;
}

export function createPlanReviewService(deps: {
	repo: PlanReviewRepository;
	documents: DocumentService;
	live: LiveDocumentsPort;
	notifications: NotificationService;
	now: () => number;
}) {
	const { repo, documents, live, notifications, now } = deps;

	/** The caller's access to an action plan (other kinds have no review). */
	async function planAccess(
		user: User | null,
		documentId: string,
		action: 'document.read' | 'plan.submit' | 'plan.sign' | 'plan.comment'
	): Promise<DocumentAccess> {
		const found = await documents.requireAccess(user, action, documentId);
		if (found.document.kind !== 'action_plan')
			throw reviewError('validation', 'not_action_plan', 'kind');
		return found;
	}

	async function actionsOf(versionId: string, workshopId: string) {
		const [state, currency] = await Promise.all([
			repo.findState(versionId),
			repo.currency(workshopId)
		]);
		return state ? readActionsFromState(state, currency ?? DEFAULT_CURRENCY) : [];
	}

	async function view(found: DocumentAccess) {
		const { document, workshop } = found;
		const [submission, approval] = await Promise.all([
			repo.latestSubmission(document.id),
			repo.latestApproval(document.id)
		]);
		const published = approval
			? {
					versionId: approval.versionId,
					hash: approval.hash,
					url: `/suivi/${document.id}`,
					current: approval.current
				}
			: null;
		if (!submission) {
			return {
				status: 'draft' as ReviewStatus,
				submissionId: null,
				versionId: null,
				hash: null,
				submittedAt: null,
				approvals: [],
				decisions: [],
				comments: [],
				actions: [],
				totals: budgetTotals([]),
				published
			};
		}
		const [reviews, comments, actions] = await Promise.all([
			repo.listReviews(submission.id),
			repo.listComments(submission.id),
			actionsOf(submission.versionId, workshop.id)
		]);
		return {
			status: submission.status as ReviewStatus,
			submissionId: submission.id,
			versionId: submission.versionId,
			hash: submission.hash,
			submittedAt: submission.submittedAt.toISOString(),
			approvals: reviews
				.filter(({ review }) => review.decision === 'approve')
				.map(({ review }) => ({
					id: review.id,
					hash: review.hash,
					signatoryName: review.signatoryName ?? '',
					signatoryTitle: review.signatoryTitle ?? '',
					statement: review.statement,
					approvedAt: review.createdAt.toISOString()
				})),
			decisions: reviews.map(({ review, reviewerName }) => ({
				id: review.id,
				decision: review.decision,
				reviewerName: review.signatoryName ?? reviewerName ?? '',
				comment: review.comment,
				createdAt: review.createdAt.toISOString()
			})),
			comments: comments.map(commentView),
			actions,
			totals: budgetTotals(actions),
			published
		};
	}

	return {
		/** Freezes the live plan as a version and opens its review; the live plan may go on. */
		async submit(user: User | null, documentId: string) {
			const found = await planAccess(user, documentId, 'plan.submit');
			const { document, workshop } = found;
			const doc = await live.getDoc(document.id);
			// Nothing to sign: the mayor would approve an empty page.
			if (readActions(doc).length === 0) throw reviewError('conflict', 'empty_plan');
			const state = Y.encodeStateAsUpdate(doc);
			const hash = encodeHexLowerCase(sha256(state));
			const locale = mailLocale(workshop.language);
			const { submission, mail } = await repo.transaction(async (tx) => {
				const n = (await tx.countSubmissions(document.id)) + 1;
				const submission = await tx.insertSubmission({
					documentId: document.id,
					name: translate('review_version_name', locale, { n }),
					state,
					hash,
					userId: user!.id
				});
				await tx.audit({
					workshopId: workshop.id,
					actor: user!.id,
					action: 'plan.submit',
					subject: document.id,
					data: { submissionId: submission.id, versionId: submission.versionId, hash }
				});
				const mail = await notifications.create(tx, {
					workshopId: workshop.id,
					roles: ['reviewer'],
					except: user!.id,
					kind: 'plan_submitted',
					params: { plan: document.title, workshop: workshop.title },
					link: reviewLink(workshop.code, document.id),
					locale
				});
				return { submission, mail };
			});
			notifications.deliver(mail);
			return {
				submissionId: submission.id,
				versionId: submission.versionId,
				hash,
				status: submission.status
			};
		},
		/** A reviewer's decision on the newest submission, bound to its hash. */
		async review(user: User | null, documentId: string, input: unknown) {
			const found = await planAccess(user, documentId, 'plan.sign');
			const { document, workshop, member } = found;
			const data = validate(reviewSchema, input);
			const approve = data.decision === 'approve';
			const signatoryName = data.signatoryName ?? (approve ? user!.name.trim() : undefined);
			if (approve && !signatoryName)
				throw reviewError('validation', 'signatory_required', 'signatoryName');
			if (approve && !data.signatoryTitle)
				throw reviewError('validation', 'signatory_required', 'signatoryTitle');
			if (!approve && !data.comment) throw reviewError('validation', 'comment_required', 'comment');
			const locale = mailLocale(workshop.language);
			const mail = await repo.transaction(async (tx) => {
				// Locked: two reviewers deciding at once are applied one after the other.
				const submission = await tx.latestSubmission(document.id, true);
				if (!submission) throw reviewError('conflict', 'not_submitted');
				if (data.hash && data.hash !== submission.hash)
					throw reviewError('conflict', 'version_changed', 'hash');
				const reviews = await tx.listReviews(submission.id);
				const signed = reviews.some(
					({ review }) => review.decision === 'approve' && review.reviewerUserId === user!.id
				);
				const refusal = decisionRefusal(submission.status, data.decision, signed);
				if (refusal) throw reviewError('conflict', refusal);
				const review = await tx.insertReview({
					submissionId: submission.id,
					documentId: document.id,
					hash: submission.hash,
					reviewerUserId: user!.id,
					reviewerMemberId: member.id,
					decision: data.decision,
					comment: data.comment ?? null,
					signatoryName: approve ? signatoryName : null,
					signatoryTitle: approve ? data.signatoryTitle : null,
					statement: approve ? (data.statement ?? null) : null
				});
				await tx.setSubmissionStatus(
					submission.id,
					approve ? 'approved' : 'changes_requested',
					new Date(now())
				);
				await tx.audit({
					workshopId: workshop.id,
					actor: user!.id,
					action: approve ? 'plan.approve' : 'plan.request_changes',
					subject: document.id,
					data: {
						submissionId: submission.id,
						versionId: submission.versionId,
						hash: submission.hash,
						reviewId: review.id,
						...(approve
							? { signatoryName, signatoryTitle: data.signatoryTitle }
							: { comment: data.comment })
					}
				});
				return notifications.create(tx, {
					workshopId: workshop.id,
					roles: ['facilitator'],
					except: user!.id,
					kind: approve ? 'plan_approved' : 'plan_changes_requested',
					params: {
						plan: document.title,
						workshop: workshop.title,
						reviewer: approve ? signatoryName! : member.displayName
					},
					link: reviewLink(workshop.code, document.id),
					locale
				});
			});
			notifications.deliver(mail);
			return view(found);
		},
		/** Status, the submitted version's actions, decisions and comments; for every member. */
		async get(user: User | null, documentId: string) {
			return view(await planAccess(user, documentId, 'document.read'));
		},
		/** A comment on the submitted version, on one action or (no actionId) on the whole plan. */
		async comment(user: User | null, documentId: string, input: unknown) {
			const { document, workshop, member } = await planAccess(user, documentId, 'plan.comment');
			const data = validate(commentSchema, input);
			const submission = await repo.latestSubmission(document.id);
			if (!submission) throw reviewError('conflict', 'not_submitted');
			if (data.actionId) {
				const actions = await actionsOf(submission.versionId, workshop.id);
				if (!actions.some((action) => action.id === data.actionId))
					throw reviewError('validation', 'unknown_action', 'actionId');
			}
			const row = await repo.transaction(async (tx) => {
				const row = await tx.insertComment({
					documentId: document.id,
					submissionId: submission.id,
					actionId: data.actionId ?? null,
					authorUserId: user!.id,
					authorName: member.displayName,
					body: data.body
				});
				await tx.audit({
					workshopId: workshop.id,
					actor: user!.id,
					action: 'plan.comment',
					subject: document.id,
					data: { submissionId: submission.id, commentId: row.id, actionId: row.actionId }
				});
				return row;
			});
			return commentView(row);
		},
		/** For the exports: who approved which version of the plan, or null. */
		latestApproval(documentId: string) {
			return repo.latestApproval(documentId);
		}
	};
}

export type PlanReviewService = ReturnType<typeof createPlanReviewService>;
