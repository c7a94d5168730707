// Dot voting on idea walls: the settings row (locked `for update` by every dot, so two clicks of
// one member cannot both spend the last dot) and the dots per card and member.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { DEFAULT_DOTS_PER_MEMBER } from '../../domain/idea-wall';
import { wallDots, wallSettings } from '../db/schema';
import { insertAuditEntry, transactional, type AuditEntryInput } from './transactional';

export interface WallSettings {
	dotsPerMember: number;
	votingOpen: boolean;
	revealed: boolean;
}

function toSettings(row: typeof wallSettings.$inferSelect): WallSettings {
	return { dotsPerMember: row.dotsPerMember, votingOpen: row.votingOpen, revealed: row.revealed };
}

function wallQueries(db: Executor) {
	return {
		async settings(documentId: string): Promise<WallSettings> {
			const [row] = await db
				.select()
				.from(wallSettings)
				.where(eq(wallSettings.documentId, documentId));
			// A wall nobody configured yet: the column defaults.
			return row
				? toSettings(row)
				: { dotsPerMember: DEFAULT_DOTS_PER_MEMBER, votingOpen: false, revealed: false };
		},
		/** The wall's settings row, created if needed and locked until the transaction ends. */
		async lockSettings(documentId: string): Promise<WallSettings> {
			await db.insert(wallSettings).values({ documentId }).onConflictDoNothing();
			const [row] = await db
				.select()
				.from(wallSettings)
				.where(eq(wallSettings.documentId, documentId))
				.for('update');
			return toSettings(row);
		},
		async updateSettings(documentId: string, patch: Partial<WallSettings>) {
			await db
				.update(wallSettings)
				.set({ ...patch, updatedAt: sql`now()` })
				.where(eq(wallSettings.documentId, documentId));
		},
		/** Every dot of the wall (the facilitator's tally, or everyone's after the reveal). */
		async allDots(documentId: string) {
			return db
				.select({ cardId: wallDots.cardId, memberId: wallDots.memberId, dots: wallDots.dots })
				.from(wallDots)
				.where(eq(wallDots.documentId, documentId));
		},
		/** One member's dots only: what a participant may see before the reveal. */
		async memberDots(documentId: string, memberId: string) {
			return db
				.select({ cardId: wallDots.cardId, memberId: wallDots.memberId, dots: wallDots.dots })
				.from(wallDots)
				.where(and(eq(wallDots.documentId, documentId), eq(wallDots.memberId, memberId)));
		},
		async setDots(documentId: string, cardId: string, memberId: string, dots: number) {
			if (dots <= 0) {
				await db
					.delete(wallDots)
					.where(
						and(
							eq(wallDots.documentId, documentId),
							eq(wallDots.cardId, cardId),
							eq(wallDots.memberId, memberId)
						)
					);
				return;
			}
			await db
				.insert(wallDots)
				.values({ documentId, cardId, memberId, dots })
				.onConflictDoUpdate({
					target: [wallDots.documentId, wallDots.memberId, wallDots.cardId],
					set: { dots }
				});
		},
		async deleteCardDots(documentId: string, cardId: string) {
			await db
				.delete(wallDots)
				.where(and(eq(wallDots.documentId, documentId), eq(wallDots.cardId, cardId)));
		},
		audit(entry: AuditEntryInput) {
			return insertAuditEntry(db, entry);
		}
	};
}

export type WallQueries = ReturnType<typeof wallQueries>;

export function createWallRepository(db: Executor) {
	return transactional(db, wallQueries);
}

export type WallRepository = ReturnType<typeof createWallRepository>;
