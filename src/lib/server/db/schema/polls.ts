// Live votes: polls and their options, ballots, counted-in-room entries and nomination proposals.
// One ballot per eligible member per poll is a unique constraint here, never a check in code.
// Secret polls split a ballot in two rows written in one transaction: the register says who took
// part, the ballot says what was chosen, and nothing joins them (no member, no ballotId, no time,
// a random id so that insertion order cannot be read from the key either).
import {
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { members, workshops } from './workshops';
import {
	BALLOT_CHANNELS,
	CONSENT_KEYS,
	POLL_METHODS,
	type NormalizedChoice,
	type OptionId,
	type PollSettings
} from '../../../domain/poll-types';
import type { PollState } from '../../../domain/poll-state';

export const polls = pgTable(
	'polls',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		question: text('question').notNull(),
		method: text('method', { enum: POLL_METHODS }).notNull(),
		settings: jsonb('settings').$type<PollSettings>().notNull(),
		/** The domain's PollState as plain JSON (status, reveal flag, times in epoch ms). */
		state: jsonb('state').$type<PollState>().notNull(),
		/** Asked for at creation, applied when the facilitator opens the poll. */
		closesInSeconds: integer('closes_in_seconds'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('polls_workshop_idx').on(t.workshopId, t.createdAt)]
);

export const pollOptions = pgTable(
	'poll_options',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		label: text('label').notNull(),
		consent: text('consent', { enum: CONSENT_KEYS }),
		quartier: text('quartier')
	},
	(t) => [uniqueIndex('poll_options_position_key').on(t.pollId, t.position)]
);

/** Open (non-secret) ballots: who chose what, changeable until close when the poll allows it. */
export const ballots = pgTable(
	'ballots',
	{
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		/** Chosen by the client, so a retry after a lost ack is recognised as the same ballot. */
		ballotId: uuid('ballot_id').notNull().unique(),
		choice: jsonb('choice').$type<NormalizedChoice>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** How the first ballot came in (a replacement keeps it): the results count per channel. */
		channel: text('channel', { enum: BALLOT_CHANNELS }).notNull().default('web')
	},
	(t) => [uniqueIndex('ballots_poll_member_key').on(t.pollId, t.memberId)]
);

/** Secret polls: who took part (and their ballotId, for idempotent repeats), never what they chose. */
export const pollParticipation = pgTable(
	'poll_participation',
	{
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		ballotId: uuid('ballot_id').notNull().unique(),
		/**
		 * Kept with who took part, never with what was chosen: the channel counts say how many
		 * voted by SMS, not how they voted.
		 */
		channel: text('channel', { enum: BALLOT_CHANNELS }).notNull().default('web')
	},
	(t) => [uniqueIndex('poll_participation_poll_member_key').on(t.pollId, t.memberId)]
);

/** Secret polls: what was chosen, with nothing that leads back to a member. */
export const secretBallots = pgTable(
	'secret_ballots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		choice: jsonb('choice').$type<NormalizedChoice>().notNull()
	},
	(t) => [index('secret_ballots_poll_idx').on(t.pollId)]
);

/** Hybrid rooms: show-of-hands or paper counts a facilitator typed in, a separate labelled source. */
export const pollRoomCounts = pgTable(
	'poll_room_counts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		source: text('source', { enum: ['room'] })
			.notNull()
			.default('room'),
		label: text('label').notNull(),
		counts: jsonb('counts').$type<Record<OptionId, number>>().notNull(),
		voters: integer('voters'),
		enteredBy: uuid('entered_by').references(() => members.id, { onDelete: 'set null' }),
		/** Kept as typed at the time: the entry stays attributable if the member later leaves. */
		enteredByName: text('entered_by_name').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('poll_room_counts_poll_idx').on(t.pollId)]
);

/** Nomination polls, proposal phase: names put forward with a reason. */
export const nominationProposals = pgTable(
	'nomination_proposals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		pollId: uuid('poll_id')
			.notNull()
			.references(() => polls.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		reason: text('reason').notNull().default(''),
		quartier: text('quartier'),
		proposedBy: uuid('proposed_by').references(() => members.id, { onDelete: 'set null' }),
		mergedInto: uuid('merged_into'),
		shortlisted: integer('shortlisted').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('nomination_proposals_poll_idx').on(t.pollId)]
);

export type PollRow = typeof polls.$inferSelect;
export type PollOptionRow = typeof pollOptions.$inferSelect;
export type BallotRow = typeof ballots.$inferSelect;
export type SecretBallotRow = typeof secretBallots.$inferSelect;
export type PollRoomCountRow = typeof pollRoomCounts.$inferSelect;
export type NominationProposalRow = typeof nominationProposals.$inferSelect;
