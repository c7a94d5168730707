// The carte des opinions' rows (issue #16): maps, statements, votes. Votes are read whole only by
// the analysis and the facilitators' exports; a participant's requests read their own.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { AnalysisMemory } from '../../domain/opinion-analysis';
import type { OpinionVote, StatementStatus } from '../../protocol/opinion';
import {
	members,
	opinionMaps,
	opinionStatements,
	opinionVotes,
	type OpinionMapRow,
	type OpinionStatementRow,
	type StatementPromotion
} from '../db/schema';
import { insertAuditEntry, transactional, type AuditEntryInput } from './transactional';

export type { OpinionMapRow, OpinionStatementRow };

function opinionQueries(db: Executor) {
	return {
		async insertMap(values: {
			workshopId: string;
			prompt: string;
			moderation: 'pre' | 'post';
			createdBy: string;
		}): Promise<OpinionMapRow> {
			const [row] = await db.insert(opinionMaps).values(values).returning();
			return row;
		},
		async findMap(id: string): Promise<OpinionMapRow | null> {
			const [row] = await db.select().from(opinionMaps).where(eq(opinionMaps.id, id));
			return row ?? null;
		},
		async listMaps(workshopId: string) {
			return db
				.select()
				.from(opinionMaps)
				.where(eq(opinionMaps.workshopId, workshopId))
				.orderBy(asc(opinionMaps.createdAt));
		},
		async updateMap(
			id: string,
			patch: Partial<Pick<OpinionMapRow, 'prompt' | 'moderation' | 'open'>>
		): Promise<OpinionMapRow> {
			const [row] = await db
				.update(opinionMaps)
				.set({ ...patch, updatedAt: sql`now()` })
				.where(eq(opinionMaps.id, id))
				.returning();
			return row;
		},
		/** Stores what an analysis leaves for the next one; answers the new version. */
		async saveAnalysis(id: string, memory: AnalysisMemory): Promise<number> {
			const [row] = await db
				.update(opinionMaps)
				.set({ memory, analysisVersion: sql`${opinionMaps.analysisVersion} + 1` })
				.where(eq(opinionMaps.id, id))
				.returning({ version: opinionMaps.analysisVersion });
			return row?.version ?? 0;
		},
		/** Approved statements per map of a workshop (the summaries' `statementCount`). */
		async approvedCounts(workshopId: string): Promise<Map<string, number>> {
			const rows = await db
				.select({ mapId: opinionStatements.mapId, n: count() })
				.from(opinionStatements)
				.innerJoin(opinionMaps, eq(opinionMaps.id, opinionStatements.mapId))
				.where(
					and(eq(opinionMaps.workshopId, workshopId), eq(opinionStatements.status, 'approved'))
				)
				.groupBy(opinionStatements.mapId);
			return new Map(rows.map((r) => [r.mapId, Number(r.n)]));
		},
		async insertStatements(
			rows: {
				mapId: string;
				authorMemberId: string | null;
				text: string;
				status: StatementStatus;
				seed: boolean;
			}[]
		): Promise<OpinionStatementRow[]> {
			if (rows.length === 0) return [];
			return db.insert(opinionStatements).values(rows).returning();
		},
		async statements(mapId: string): Promise<OpinionStatementRow[]> {
			return db
				.select()
				.from(opinionStatements)
				.where(eq(opinionStatements.mapId, mapId))
				.orderBy(asc(opinionStatements.seq));
		},
		async findStatement(mapId: string, statementId: string): Promise<OpinionStatementRow | null> {
			const [row] = await db
				.select()
				.from(opinionStatements)
				.where(and(eq(opinionStatements.mapId, mapId), eq(opinionStatements.id, statementId)));
			return row ?? null;
		},
		async setStatus(statementId: string, status: StatementStatus) {
			const [row] = await db
				.update(opinionStatements)
				.set({ status })
				.where(eq(opinionStatements.id, statementId))
				.returning();
			return row;
		},
		async addPromotion(statementId: string, promotion: StatementPromotion) {
			await db
				.update(opinionStatements)
				.set({
					promotions: sql`${opinionStatements.promotions} || ${JSON.stringify([promotion])}::jsonb`
				})
				.where(eq(opinionStatements.id, statementId));
		},
		/** Last vote wins: one row per member and statement. */
		async upsertVote(mapId: string, statementId: string, memberId: string, vote: OpinionVote) {
			await db
				.insert(opinionVotes)
				.values({ mapId, statementId, memberId, vote })
				.onConflictDoUpdate({
					target: [opinionVotes.statementId, opinionVotes.memberId],
					set: { vote, votedAt: sql`now()` }
				});
		},
		/** Every vote of the map: for the analysis and the facilitators' counts only. */
		async votes(mapId: string) {
			const rows = await db
				.select({
					memberId: opinionVotes.memberId,
					statementId: opinionVotes.statementId,
					vote: opinionVotes.vote
				})
				.from(opinionVotes)
				.where(eq(opinionVotes.mapId, mapId));
			return rows as { memberId: string; statementId: string; vote: OpinionVote }[];
		},
		/** The statements one member voted on (their own votes, nobody else's). */
		async memberVotedIds(mapId: string, memberId: string): Promise<Set<string>> {
			const rows = await db
				.select({ statementId: opinionVotes.statementId })
				.from(opinionVotes)
				.where(and(eq(opinionVotes.mapId, mapId), eq(opinionVotes.memberId, memberId)));
			return new Set(rows.map((r) => r.statementId));
		},
		/** One member's progress: approved statements they voted on, out of all approved ones. */
		async progress(mapId: string, memberId: string): Promise<{ voted: number; total: number }> {
			const [row] = await db
				.select({ voted: count(opinionVotes.memberId), total: count() })
				.from(opinionStatements)
				.leftJoin(
					opinionVotes,
					and(
						eq(opinionVotes.statementId, opinionStatements.id),
						eq(opinionVotes.memberId, memberId)
					)
				)
				.where(and(eq(opinionStatements.mapId, mapId), eq(opinionStatements.status, 'approved')));
			return { voted: Number(row?.voted ?? 0), total: Number(row?.total ?? 0) };
		},
		/** Votes per statement (pass included), to spread the next statements evenly. */
		async voteCounts(mapId: string): Promise<Map<string, number>> {
			const rows = await db
				.select({ statementId: opinionVotes.statementId, n: count() })
				.from(opinionVotes)
				.where(eq(opinionVotes.mapId, mapId))
				.groupBy(opinionVotes.statementId);
			return new Map(rows.map((r) => [r.statementId, Number(r.n)]));
		},
		/** Self-declared profiles of the map's voters, for the groups' inclusion aggregates. */
		async voterProfiles(mapId: string) {
			const voters = db
				.select({ memberId: opinionVotes.memberId })
				.from(opinionVotes)
				.where(eq(opinionVotes.mapId, mapId));
			return db
				.select({ memberId: members.id, gender: members.gender, ageBracket: members.ageBracket })
				.from(members)
				.where(inArray(members.id, voters));
		},
		audit(entry: AuditEntryInput) {
			return insertAuditEntry(db, entry);
		}
	};
}

export type OpinionQueries = ReturnType<typeof opinionQueries>;

export function createOpinionRepository(db: Executor) {
	return transactional(db, opinionQueries);
}

export type OpinionRepository = ReturnType<typeof createOpinionRepository>;
