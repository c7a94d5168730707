// The charter, article by article. The text and the article structure live in the Y.Doc;
// these rows hold what the server decides: each article's status (its truth, mirrored into the
// Y.Doc), the amendments and their supporters, and which poll decides what (charter_votes).
import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { documents } from './documents';
import { members } from './workshops';
import { polls } from './polls';

/** The anchor of an amendment: two Yjs relative positions (base64), see server/charter/article-doc. */
export interface AmendmentAnchorJson {
	start: string;
	end: string;
	blockPath?: number[];
}

export const charterSettings = pgTable('charter_settings', {
	documentId: uuid('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	majority: text('majority', { enum: ['simple', 'two_thirds'] })
		.notNull()
		.default('simple'),
	/** Fewest ballots for a vote to count; null = no quorum. */
	quorum: integer('quorum'),
	allowAnonymous: boolean('allow_anonymous').notNull().default(false),
	/** The consolidated charter is public (/charte/ID) from then on. */
	publishedAt: timestamp('published_at', { withTimezone: true })
});

/** One row per article the server has seen or decided on; an article without a row is a draft. */
export const charterArticles = pgTable(
	'charter_articles',
	{
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		/** The articleId attribute of the charterArticle node (a uuid written in the Y.Doc). */
		articleId: text('article_id').notNull(),
		status: text('status').notNull().default('draft'),
		statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
		adoptedAt: timestamp('adopted_at', { withTimezone: true }),
		adoptedPollId: uuid('adopted_poll_id').references(() => polls.id, { onDelete: 'set null' })
	},
	(t) => [primaryKey({ columns: [t.documentId, t.articleId] })]
);

export const amendments = pgTable(
	'amendments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		articleId: text('article_id').notNull(),
		kind: text('kind').notNull(),
		passage: text('passage'),
		text: text('text'),
		justification: text('justification'),
		authorMemberId: uuid('author_member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		anonymous: boolean('anonymous').notNull().default(false),
		anchor: jsonb('anchor').$type<AmendmentAnchorJson>(),
		/** The article's body text when proposed (rewrite and stale detection). */
		baseBody: text('base_body').notNull(),
		status: text('status').notNull().default('proposed'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		pollId: uuid('poll_id').references(() => polls.id, { onDelete: 'set null' })
	},
	(t) => [index('amendments_document_idx').on(t.documentId, t.articleId, t.createdAt)]
);

export const amendmentSupporters = pgTable(
	'amendment_supporters',
	{
		amendmentId: uuid('amendment_id')
			.notNull()
			.references(() => amendments.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.amendmentId, t.memberId] })]
);

/**
 * A poll that decides an article or an amendment. `outcome` is claimed once (UPDATE … WHERE
 * outcome IS NULL) by whoever applies it; `applied_at` says the Y.Doc and statuses followed, so a
 * restart re-applies what was claimed but not applied (the merge itself is idempotent).
 */
export const charterVotes = pgTable(
	'charter_votes',
	{
		pollId: uuid('poll_id')
			.primaryKey()
			.references(() => polls.id, { onDelete: 'cascade' }),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		articleId: text('article_id').notNull(),
		amendmentId: uuid('amendment_id').references(() => amendments.id, { onDelete: 'cascade' }),
		outcome: text('outcome', { enum: ['adopted', 'rejected'] }),
		appliedAt: timestamp('applied_at', { withTimezone: true }),
		/** Tallies frozen when the outcome is claimed: the consolidated charter reads them as is. */
		votesFor: integer('votes_for'),
		votesAgainst: integer('votes_against'),
		votesAbstain: integer('votes_abstain'),
		/** A "vote the amendments, then the article" sequence: its id and this poll's place in it. */
		sequenceId: uuid('sequence_id'),
		sequencePosition: integer('sequence_position'),
		createdAt: timestamp('created_at', { withTimezone: true })
			.notNull()
			.default(sql`now()`)
	},
	(t) => [
		index('charter_votes_document_idx').on(t.documentId, t.articleId),
		index('charter_votes_pending_idx').on(t.outcome, t.appliedAt)
	]
);

export type CharterSettingsRow = typeof charterSettings.$inferSelect;
export type CharterArticleRow = typeof charterArticles.$inferSelect;
export type AmendmentRow = typeof amendments.$inferSelect;
export type CharterVoteRow = typeof charterVotes.$inferSelect;
