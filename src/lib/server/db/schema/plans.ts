// Action plans after drafting: per-workshop settings, submissions (a frozen version each), the
// reviewers' decisions bound to that version's hash, comments per action, the public follow-up
// (suivi-évaluation) and the in-app notifications the steps send.
import { sql } from 'drizzle-orm';
import {
	bigserial,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { members, workshops } from './workshops';
import { documentVersions, documents } from './documents';
import { ACTION_STATUSES, DEFAULT_CURRENCY } from '../../../domain/action-plan';

/** What the facilitator defines for the workshop's plans: currency and the PDC axes. */
export const planSettings = pgTable('plan_settings', {
	workshopId: uuid('workshop_id')
		.primaryKey()
		.references(() => workshops.id, { onDelete: 'cascade' }),
	currency: text('currency').notNull().default(DEFAULT_CURRENCY),
	axes: jsonb('axes')
		.$type<string[]>()
		.notNull()
		.default(sql`'[]'::jsonb`),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const SUBMISSION_STATUSES = ['submitted', 'changes_requested', 'approved'] as const;
export const REVIEW_DECISIONS = ['approve', 'request_changes'] as const;

/** One per "submit": the frozen version reviewers see. The newest one is the plan's status. */
export const planSubmissions = pgTable(
	'plan_submissions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		versionId: uuid('version_id')
			.notNull()
			.references(() => documentVersions.id, { onDelete: 'cascade' }),
		/** The version's hash, copied so an approval's binding survives as plain data. */
		hash: text('hash').notNull(),
		status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('submitted'),
		submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
		submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true })
	},
	(t) => [index('plan_submissions_document_idx').on(t.documentId, t.submittedAt)]
);

/** A reviewer's decision on one submission, bound to its hash (a signature, for approvals). */
export const planReviews = pgTable(
	'plan_reviews',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		submissionId: uuid('submission_id')
			.notNull()
			.references(() => planSubmissions.id, { onDelete: 'cascade' }),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		hash: text('hash').notNull(),
		reviewerUserId: uuid('reviewer_user_id').references(() => users.id, { onDelete: 'set null' }),
		reviewerMemberId: uuid('reviewer_member_id').references(() => members.id, {
			onDelete: 'set null'
		}),
		decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
		comment: text('comment'),
		/** "Moussa Ibrahim"; required for approvals. */
		signatoryName: text('signatory_name'),
		/** "Maire de la commune de Maradi I". */
		signatoryTitle: text('signatory_title'),
		statement: text('statement'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('plan_reviews_document_idx').on(t.documentId, t.createdAt)]
);

/** Reviewers' comments on a submitted version, per action (`actionId` null: the whole plan). */
export const planComments = pgTable(
	'plan_comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		submissionId: uuid('submission_id')
			.notNull()
			.references(() => planSubmissions.id, { onDelete: 'cascade' }),
		actionId: text('action_id'),
		authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
		/** Kept as written: a removed account's comments still say who wrote them. */
		authorName: text('author_name').notNull(),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('plan_comments_document_idx').on(t.documentId, t.createdAt)]
);

/** Suivi-évaluation: dated updates of an approved plan's actions; the newest per action is current. */
export const planFollowups = pgTable(
	'plan_followups',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		actionId: text('action_id').notNull(),
		status: text('status', { enum: ACTION_STATUSES }).notNull(),
		progress: integer('progress').notNull(),
		indicatorValue: text('indicator_value'),
		note: text('note'),
		/** The date the update speaks of (may be earlier than when it was typed in). */
		date: date('date', { mode: 'string' }).notNull(),
		authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('plan_followups_document_idx').on(t.documentId, t.actionId, t.id),
		check('plan_followups_progress_range', sql`${t.progress} between 0 and 100`)
	]
);

/** In-app notifications; `kind` names a message `review_notify_<kind>` filled with `params`. */
export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		params: jsonb('params')
			.$type<Record<string, string>>()
			.notNull()
			.default(sql`'{}'::jsonb`),
		/** Path inside the app the notification opens. */
		link: text('link'),
		readAt: timestamp('read_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.createdAt)]
);

export type PlanSettingsRow = typeof planSettings.$inferSelect;
export type PlanSubmissionRow = typeof planSubmissions.$inferSelect;
export type PlanReviewRow = typeof planReviews.$inferSelect;
export type PlanCommentRow = typeof planComments.$inferSelect;
export type PlanFollowupRow = typeof planFollowups.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
