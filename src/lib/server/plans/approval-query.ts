// What the exports read beside the plan itself: each action's newest follow-up (settings come
// from the plan settings repository). The sign-off comes from the review repository (`latestApproval`: the newest
// approved version, the one the public follow-up page shows), so the two never disagree.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { planFollowups } from '../db/schema';
import type { ApprovalRecord } from '../repositories/plan-review';

/** A plan's sign-off as the exports print it: the review repository's record (one query). */
export type PlanApproval = Omit<ApprovalRecord, 'statement'> & { statement: string };

export function createApprovalQuery(db: Database) {
	return {
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
