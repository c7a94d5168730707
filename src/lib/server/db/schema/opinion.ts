// The carte des opinions (issue #16): maps, the short statements people write, and their votes.
// A vote is one row per member and statement (last vote wins). Hidden statements are never
// deleted (moderation is audited). `memory` is what the last analysis leaves for the next one —
// group memberships and axes — so groups keep their ids and colours across restarts; it names
// members and never leaves the server.
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	serial,
	primaryKey,
	smallint,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { members, workshops } from './workshops';
import type { AnalysisMemory } from '../../../domain/opinion-analysis';

export const OPINION_MODERATIONS = ['pre', 'post'] as const;
export const STATEMENT_STATUSES = ['pending', 'approved', 'hidden'] as const;

export const opinionMaps = pgTable(
	'opinion_maps',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		prompt: text('prompt').notNull(),
		moderation: text('moderation', { enum: OPINION_MODERATIONS }).notNull().default('post'),
		open: boolean('open').notNull().default(true),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		/** Grows with each recomputation; clients compare it to skip a refetch. */
		analysisVersion: integer('analysis_version').notNull().default(0),
		memory: jsonb('memory').$type<AnalysisMemory>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('opinion_maps_workshop_idx').on(t.workshopId, t.createdAt)]
);

/** Where a statement went when a facilitator turned it into an article, amendment or action. */
export interface StatementPromotion {
	kind: 'article' | 'amendment' | 'action';
	id: string;
	documentId: string;
}

export const opinionStatements = pgTable(
	'opinion_statements',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		mapId: uuid('map_id')
			.notNull()
			.references(() => opinionMaps.id, { onDelete: 'cascade' }),
		/** Null for a seed once its author left the workshop. */
		authorMemberId: uuid('author_member_id').references(() => members.id, {
			onDelete: 'set null'
		}),
		text: text('text').notNull(),
		status: text('status', { enum: STATEMENT_STATUSES }).notNull(),
		seed: boolean('seed').notNull().default(false),
		promotions: jsonb('promotions').$type<StatementPromotion[]>().notNull().default([]),
		/** Insertion order: seeds written in one transaction share their `createdAt`. */
		seq: serial('seq').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('opinion_statements_map_idx').on(t.mapId, t.seq)]
);

export const opinionVotes = pgTable(
	'opinion_votes',
	{
		mapId: uuid('map_id')
			.notNull()
			.references(() => opinionMaps.id, { onDelete: 'cascade' }),
		statementId: uuid('statement_id')
			.notNull()
			.references(() => opinionStatements.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		/** 1 agree, -1 disagree, 0 pass. */
		vote: smallint('vote').notNull(),
		votedAt: timestamp('voted_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.statementId, t.memberId] }),
		index('opinion_votes_map_member_idx').on(t.mapId, t.memberId),
		check('opinion_votes_vote_check', sql`${t.vote} in (-1, 0, 1)`)
	]
);

export type OpinionMapRow = typeof opinionMaps.$inferSelect;
export type OpinionStatementRow = typeof opinionStatements.$inferSelect;
