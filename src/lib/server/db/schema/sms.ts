// Feature phones (docs/sms.md): who a phone number is, without the number, and which gateway
// messages were already handled. A number is only ever stored as its keyed hash (HMAC-SHA256
// with SMS_NUMBER_KEY): the database alone does not give the numbers back.
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { workshops } from './workshops';
import { SMS_LOCALES } from '../../../domain/sms-commands';

export const smsContacts = pgTable(
	'sms_contacts',
	{
		/** HMAC-SHA256 of the number in E.164 digits, hex. */
		numberHash: text('number_hash').primaryKey(),
		/**
		 * The guest user the number acts as, in every workshop it joins; null until it joins (a
		 * number that only asked for help in a language has its language kept).
		 */
		userId: uuid('user_id')
			.unique()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The workshop its ballots go to: the last one it joined. */
		workshopId: uuid('workshop_id').references(() => workshops.id, { onDelete: 'set null' }),
		locale: text('locale', { enum: SMS_LOCALES }).notNull().default('fr'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sms_contacts_workshop_idx').on(t.workshopId)]
);

/**
 * Gateway messages already handled, so that a retry (same gateway, same message id) is answered
 * again and not counted twice. Nothing here names the sender; `reply` never echoes a secret
 * ballot's choice.
 */
export const smsMessages = pgTable(
	'sms_messages',
	{
		gateway: text('gateway').notNull(),
		messageId: text('message_id').notNull(),
		/** Null while the message is being handled. */
		reply: text('reply'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.gateway, t.messageId] }),
		index('sms_messages_created_idx').on(t.createdAt)
	]
);

export type SmsContactRow = typeof smsContacts.$inferSelect;
