// Phones known by their number's hash, and the gateway messages already handled.
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { smsContacts, smsMessages, type SmsContactRow } from '../db/schema';
import type { SmsLocale } from '../../domain/sms-commands';

export function createSmsRepository(db: Database) {
	return {
		async findContact(numberHash: string): Promise<SmsContactRow | null> {
			const [row] = await db
				.select()
				.from(smsContacts)
				.where(eq(smsContacts.numberHash, numberHash));
			return row ?? null;
		},
		/** False when the number got its contact meanwhile (two first messages at once). */
		async insertContact(row: typeof smsContacts.$inferInsert): Promise<boolean> {
			const inserted = await db
				.insert(smsContacts)
				.values(row)
				.onConflictDoNothing()
				.returning({ numberHash: smsContacts.numberHash });
			return inserted.length > 0;
		},
		async updateContact(
			numberHash: string,
			set: { userId?: string; workshopId?: string | null; locale?: SmsLocale }
		): Promise<void> {
			await db.update(smsContacts).set(set).where(eq(smsContacts.numberHash, numberHash));
		},
		/**
		 * Takes a gateway message for handling: true the first time; false for a retry, which
		 * gets the reply stored for the first (null while the first is still being handled).
		 */
		async claimMessage(gateway: string, messageId: string): Promise<boolean> {
			const inserted = await db
				.insert(smsMessages)
				.values({ gateway, messageId })
				.onConflictDoNothing()
				.returning({ messageId: smsMessages.messageId });
			return inserted.length > 0;
		},
		async storedReply(gateway: string, messageId: string): Promise<string | null> {
			const [row] = await db
				.select({ reply: smsMessages.reply })
				.from(smsMessages)
				.where(and(eq(smsMessages.gateway, gateway), eq(smsMessages.messageId, messageId)));
			return row?.reply ?? null;
		},
		async saveReply(gateway: string, messageId: string, reply: string): Promise<void> {
			await db
				.update(smsMessages)
				.set({ reply })
				.where(and(eq(smsMessages.gateway, gateway), eq(smsMessages.messageId, messageId)));
		},
		/** Forgets messages handled before `before`: gateways retry within hours, not days. */
		async pruneMessages(before: Date): Promise<void> {
			await db.delete(smsMessages).where(lt(smsMessages.createdAt, before));
		},
		/** A message whose handling failed is released, so the gateway's retry is handled afresh. */
		async releaseMessage(gateway: string, messageId: string): Promise<void> {
			await db
				.delete(smsMessages)
				.where(and(eq(smsMessages.gateway, gateway), eq(smsMessages.messageId, messageId)));
		}
	};
}

export type SmsRepository = ReturnType<typeof createSmsRepository>;
