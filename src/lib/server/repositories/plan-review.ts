// Submissions of action plans (each a frozen document version), the reviewers' decisions bound to
// a version's hash, comments, follow-up updates and notifications. `transaction` hands the callback
// the same queries bound to the transaction, so a step, its audit line and its notifications
// commit together.
import { and, asc, count, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import {
	documents,
	documentVersions,
	members,
	notifications,
	planComments,
	planFollowups,
	planReviews,
	planSettings,
	planSubmissions,
	users
} from '../db/schema';
import type { MemberRole } from '../../domain/workshop';
import { insertAuditEntry, transactional, type AuditEntryInput } from './transactional';

type NewReview = typeof planReviews.$inferInsert;
type NewComment = typeof planComments.$inferInsert;
type NewFollowup = typeof planFollowups.$inferInsert;
type NewNotification = typeof notifications.$inferInsert;

/** An approval as the exports and the public page show it: who signed which version, when. */
export interface ApprovalRecord {
	submissionId: string;
	versionId: string;
	hash: string;
	signatoryName: string;
	signatoryTitle: string;
	statement: string | null;
	approvedAt: Date;
	/** False when a newer version was submitted since (and awaits its own approval). */
	current: boolean;
}

function planReviewQueries(db: Executor) {
	async function latestSubmission(documentId: string, lock = false) {
		const query = db
			.select()
			.from(planSubmissions)
			.where(eq(planSubmissions.documentId, documentId))
			.orderBy(desc(planSubmissions.submittedAt))
			.limit(1);
		const [row] = lock ? await query.for('update') : await query;
		return row ?? null;
	}

	return {
		latestSubmission,
		async findState(versionId: string) {
			const [row] = await db
				.select({ state: documentVersions.state })
				.from(documentVersions)
				.where(eq(documentVersions.id, versionId));
			return row?.state ?? null;
		},
		async currency(workshopId: string) {
			const [row] = await db
				.select({ currency: planSettings.currency })
				.from(planSettings)
				.where(eq(planSettings.workshopId, workshopId));
			return row?.currency ?? null;
		},
		/** Freezes a version and opens a submission on it. */
		async insertSubmission(input: {
			documentId: string;
			name: string;
			state: Uint8Array;
			hash: string;
			userId: string;
		}) {
			const [version] = await db
				.insert(documentVersions)
				.values({
					documentId: input.documentId,
					name: input.name,
					state: input.state,
					hash: input.hash,
					createdBy: input.userId
				})
				.returning({ id: documentVersions.id });
			const [submission] = await db
				.insert(planSubmissions)
				.values({
					documentId: input.documentId,
					versionId: version.id,
					hash: input.hash,
					submittedBy: input.userId
				})
				.returning();
			return submission;
		},
		async countSubmissions(documentId: string) {
			const [row] = await db
				.select({ n: count() })
				.from(planSubmissions)
				.where(eq(planSubmissions.documentId, documentId));
			return Number(row.n);
		},
		async setSubmissionStatus(id: string, status: 'changes_requested' | 'approved', at: Date) {
			await db
				.update(planSubmissions)
				.set({ status, decidedAt: at })
				.where(eq(planSubmissions.id, id));
		},
		async insertReview(input: NewReview) {
			const [row] = await db.insert(planReviews).values(input).returning();
			return row;
		},
		/** A submission's decisions, each with the reviewer's name in the workshop. */
		listReviews(submissionId: string) {
			return db
				.select({ review: planReviews, reviewerName: members.displayName })
				.from(planReviews)
				.leftJoin(members, eq(members.id, planReviews.reviewerMemberId))
				.where(eq(planReviews.submissionId, submissionId))
				.orderBy(asc(planReviews.createdAt));
		},
		async insertComment(input: NewComment) {
			const [row] = await db.insert(planComments).values(input).returning();
			return row;
		},
		listComments(submissionId: string) {
			return db
				.select()
				.from(planComments)
				.where(eq(planComments.submissionId, submissionId))
				.orderBy(asc(planComments.createdAt));
		},
		/**
		 * The newest approval of the plan's newest approved submission (the version the public
		 * page and the exports show), or null when no version was ever approved.
		 */
		async latestApproval(documentId: string): Promise<ApprovalRecord | null> {
			const [row] = await db
				.select({
					submissionId: planSubmissions.id,
					versionId: planSubmissions.versionId,
					hash: planReviews.hash,
					signatoryName: planReviews.signatoryName,
					signatoryTitle: planReviews.signatoryTitle,
					statement: planReviews.statement,
					approvedAt: planReviews.createdAt,
					submittedAt: planSubmissions.submittedAt
				})
				.from(planReviews)
				.innerJoin(planSubmissions, eq(planSubmissions.id, planReviews.submissionId))
				.where(
					and(
						eq(planReviews.documentId, documentId),
						eq(planReviews.decision, 'approve'),
						// Bound to the version: a review whose hash is not its submission's is no signature.
						eq(planReviews.hash, planSubmissions.hash)
					)
				)
				.orderBy(desc(planSubmissions.submittedAt), desc(planReviews.createdAt))
				.limit(1);
			if (!row) return null;
			const latest = await latestSubmission(documentId);
			return {
				submissionId: row.submissionId,
				versionId: row.versionId,
				hash: row.hash,
				signatoryName: row.signatoryName ?? '',
				signatoryTitle: row.signatoryTitle ?? '',
				statement: row.statement,
				approvedAt: row.approvedAt,
				current: latest?.id === row.submissionId
			};
		},
		async insertFollowup(input: NewFollowup) {
			const [row] = await db.insert(planFollowups).values(input).returning();
			return row;
		},
		listFollowups(documentId: string) {
			return db
				.select()
				.from(planFollowups)
				.where(eq(planFollowups.documentId, documentId))
				.orderBy(desc(planFollowups.date), desc(planFollowups.id));
		},
		/**
		 * The workshop's action plans whose newest submission awaits a decision, oldest first: what
		 * a reviewer has to read.
		 */
		async pendingSubmissions(workshopId: string) {
			// A workshop has a handful of submissions: the newest per plan is picked here.
			const rows = await db
				.select({
					documentId: planSubmissions.documentId,
					title: documents.title,
					status: planSubmissions.status,
					submittedAt: planSubmissions.submittedAt
				})
				.from(planSubmissions)
				.innerJoin(documents, eq(documents.id, planSubmissions.documentId))
				.where(eq(documents.workshopId, workshopId))
				.orderBy(desc(planSubmissions.submittedAt));
			const newest = new Map<string, (typeof rows)[number]>();
			for (const row of rows) if (!newest.has(row.documentId)) newest.set(row.documentId, row);
			return [...newest.values()].filter((row) => row.status === 'submitted').reverse();
		},
		/** Whether this user was already told of this (e.g. a submission) since `since`. */
		async notifiedSince(userId: string, kind: NewNotification['kind'], link: string, since: Date) {
			const [row] = await db
				.select({ id: notifications.id })
				.from(notifications)
				.where(
					and(
						eq(notifications.userId, userId),
						eq(notifications.kind, kind),
						eq(notifications.link, link),
						gte(notifications.createdAt, since)
					)
				)
				.limit(1);
			return row !== undefined;
		},
		/** Accounts of a workshop's members in these roles (guests have no address to write to). */
		recipients(workshopId: string, roles: MemberRole[]) {
			return db
				.select({
					userId: members.userId,
					email: users.email,
					name: members.displayName
				})
				.from(members)
				.innerJoin(users, eq(users.id, members.userId))
				.where(
					and(
						eq(members.workshopId, workshopId),
						isNull(members.removedAt),
						inArray(members.role, roles)
					)
				);
		},
		async insertNotifications(rows: NewNotification[]) {
			if (rows.length === 0) return [];
			return db.insert(notifications).values(rows).returning();
		},
		listNotifications(userId: string, limit = 50) {
			return db
				.select()
				.from(notifications)
				.where(eq(notifications.userId, userId))
				.orderBy(desc(notifications.createdAt))
				.limit(limit);
		},
		async findNotification(userId: string, id: string) {
			const [row] = await db
				.select()
				.from(notifications)
				.where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
			return row ?? null;
		},
		async unreadCount(userId: string) {
			const [row] = await db
				.select({ n: count() })
				.from(notifications)
				.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
			return Number(row.n);
		},
		/** Marks the user's notifications read (all, or those ids); returns how many changed. */
		async markRead(userId: string, ids: string[] | null, at: Date) {
			const rows = await db
				.update(notifications)
				.set({ readAt: at })
				.where(
					and(
						eq(notifications.userId, userId),
						isNull(notifications.readAt),
						ids ? inArray(notifications.id, ids) : sql`true`
					)
				)
				.returning({ id: notifications.id });
			return rows.length;
		},
		audit(entry: AuditEntryInput) {
			return insertAuditEntry(db, entry);
		}
	};
}

export function createPlanReviewRepository(db: Database) {
	return transactional(db, planReviewQueries);
}

export type PlanReviewRepository = ReturnType<typeof createPlanReviewRepository>;
