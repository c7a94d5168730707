// What the exports need to know about a plan's sign-off, read straight from the review tables:
// the newest submission, and its approval if that submission is the approved one. A plan whose
// newest submission is waiting or sent back has no current approval, even if an older one was
// approved (a new submission needs a new approval).
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
	documentVersions,
	planFollowups,
	planReviews,
	planSettings,
	planSubmissions
} from '../db/schema';
import { DEFAULT_CURRENCY } from '../../domain/action-plan';

export interface PlanApproval {
	submissionId: string;
	versionId: string;
	/** The approved version's hash (hex SHA-256 of its Yjs state). */
	hash: string;
	signatoryName: string;
	signatoryTitle: string;
	statement: string;
	approvedAt: Date;
}

export function createApprovalQuery(db: Database) {
	return {
		/** The approval of the document's newest submission, or `null`. */
		async latestApproval(documentId: string): Promise<PlanApproval | null> {
			const [submission] = await db
				.select()
				.from(planSubmissions)
				.where(eq(planSubmissions.documentId, documentId))
				.orderBy(desc(planSubmissions.submittedAt), desc(planSubmissions.id))
				.limit(1);
			if (!submission || submission.status !== 'approved') return null;
			const [review] = await db
				.select()
				.from(planReviews)
				.where(
					and(
						eq(planReviews.submissionId, submission.id),
						eq(planReviews.decision, 'approve'),
						// An approval counts only for the exact version it was given on.
						eq(planReviews.hash, submission.hash)
					)
				)
				.orderBy(desc(planReviews.createdAt))
				.limit(1);
			if (!review) return null;
			return {
				submissionId: submission.id,
				versionId: submission.versionId,
				hash: submission.hash,
				signatoryName: review.signatoryName ?? '',
				signatoryTitle: review.signatoryTitle ?? '',
				statement: review.statement ?? '',
				approvedAt: review.createdAt
			};
		},
		/** The frozen Yjs state of a version of this document. */
		async versionState(documentId: string, versionId: string): Promise<Uint8Array | null> {
			const [row] = await db
				.select({ state: documentVersions.state })
				.from(documentVersions)
				.where(
					and(eq(documentVersions.documentId, documentId), eq(documentVersions.id, versionId))
				);
			return row?.state ?? null;
		},
		/** The workshop's plan currency and PDC axes (defaults when the facilitator set none). */
		async settings(workshopId: string): Promise<{ currency: string; axes: string[] }> {
			const [row] = await db
				.select()
				.from(planSettings)
				.where(eq(planSettings.workshopId, workshopId));
			return { currency: row?.currency ?? DEFAULT_CURRENCY, axes: row?.axes ?? [] };
		},
		/** The newest follow-up update of each action (the public status of an approved plan). */
		async latestFollowups(documentId: string) {
			const rows = await db
				.select()
				.from(planFollowups)
				.where(eq(planFollowups.documentId, documentId))
				.orderBy(planFollowups.id);
			const latest: Record<
				string,
				{ status: string; progress: number; indicatorValue: string; note: string; date: string }
			> = Object.create(null);
			for (const row of rows)
				latest[row.actionId] = {
					status: row.status,
					progress: row.progress,
					indicatorValue: row.indicatorValue ?? '',
					note: row.note ?? '',
					date: row.date
				};
			return latest;
		}
	};
}

export type ApprovalQuery = ReturnType<typeof createApprovalQuery>;
