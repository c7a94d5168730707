// The idea wall's dot voting. Cards live in the wall's Y.Doc, which every member syncs and could
// write; the dots are here instead, so the N-dot budget and the hidden tally are the server's.
import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { documents } from './documents';
import { members } from './workshops';
import { DEFAULT_DOTS_PER_MEMBER } from '../../../domain/idea-wall';

/** One row per wall that has ever been voted on or configured; locked (`for update`) by every dot. */
export const wallSettings = pgTable('wall_settings', {
	documentId: uuid('document_id')
		.primaryKey()
		.references(() => documents.id, { onDelete: 'cascade' }),
	dotsPerMember: integer('dots_per_member').notNull().default(DEFAULT_DOTS_PER_MEMBER),
	votingOpen: boolean('voting_open').notNull().default(false),
	/** Until then members see only their own dots; the facilitator sees the tally. */
	revealed: boolean('revealed').notNull().default(false),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const wallDots = pgTable(
	'wall_dots',
	{
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		/** A card id of the Y.Doc (not a row: cards have no table). */
		cardId: text('card_id').notNull(),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		dots: integer('dots').notNull()
	},
	(t) => [primaryKey({ columns: [t.documentId, t.memberId, t.cardId] })]
);

export type WallSettingsRow = typeof wallSettings.$inferSelect;
export type WallDotRow = typeof wallDots.$inferSelect;
