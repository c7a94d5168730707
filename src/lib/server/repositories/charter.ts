// The charter's rows: settings, article statuses, amendments with their supporters, and
// the polls that decide them. The outcome of a vote is claimed with one conditional UPDATE, so two
// instances (or a restart racing a close) cannot both apply it.
import { and, asc, count, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
	amendmentSupporters,
	amendments,
	charterArticles,
	charterSettings,
	charterVotes,
	members,
	type AmendmentAnchorJson,
	type AmendmentRow,
	type CharterVoteRow
} from '../db/schema';
import { insertAuditEntry, transactional, type AuditEntryInput } from './transactional';

export interface CharterSettings {
	majority: 'simple' | 'two_thirds';
	quorum: number | null;
	allowAnonymous: boolean;
	publishedAt: Date | null;
}

export const DEFAULT_CHARTER_SETTINGS: CharterSettings = {
	majority: 'simple',
	quorum: null,
	allowAnonymous: false,
	publishedAt: null
};

/** An amendment with what lists show next to it. */
export interface AmendmentListRow extends AmendmentRow {
	authorName: string;
	supporters: number;
}

export interface VoteCounts {
	for: number;
	against: number;
	abstain: number;
}

function charterQueries(db: Executor) {
	/** Supporters per amendment of a charter, in one grouped query (not one per row). */
	async function supporterCounts(documentId: string): Promise<Map<string, number>> {
		const rows = await db
			.select({ id: amendmentSupporters.amendmentId, n: count() })
			.from(amendmentSupporters)
			.innerJoin(amendments, eq(amendments.id, amendmentSupporters.amendmentId))
			.where(eq(amendments.documentId, documentId))
			.groupBy(amendmentSupporters.amendmentId);
		return new Map(rows.map((r) => [r.id, Number(r.n)]));
	}

	return {
		async settings(documentId: string): Promise<CharterSettings> {
			const [row] = await db
				.select()
				.from(charterSettings)
				.where(eq(charterSettings.documentId, documentId));
			return row
				? {
						majority: row.majority,
						quorum: row.quorum,
						allowAnonymous: row.allowAnonymous,
						publishedAt: row.publishedAt
					}
				: { ...DEFAULT_CHARTER_SETTINGS };
		},
		async updateSettings(documentId: string, patch: Partial<CharterSettings>) {
			await db
				.insert(charterSettings)
				.values({ documentId, ...patch })
				.onConflictDoUpdate({ target: charterSettings.documentId, set: patch });
		},

		articleRows(documentId: string) {
			return db.select().from(charterArticles).where(eq(charterArticles.documentId, documentId));
		},
		async articleRow(documentId: string, articleId: string) {
			const [row] = await db
				.select()
				.from(charterArticles)
				.where(
					and(eq(charterArticles.documentId, documentId), eq(charterArticles.articleId, articleId))
				);
			return row ?? null;
		},
		async setArticleStatus(
			documentId: string,
			articleId: string,
			status: string,
			adopted: { at: Date; pollId: string | null } | null
		) {
			const values = {
				status,
				statusChangedAt: new Date(),
				adoptedAt: adopted?.at ?? null,
				adoptedPollId: adopted?.pollId ?? null
			};
			await db
				.insert(charterArticles)
				.values({ documentId, articleId, ...values })
				.onConflictDoUpdate({
					target: [charterArticles.documentId, charterArticles.articleId],
					set: values
				});
		},

		/**
		 * The article's row, created as a draft if needed and locked until the transaction ends:
		 * two facilitators putting the same article to the vote at once are served one at a time.
		 */
		async lockArticle(documentId: string, articleId: string) {
			await db.insert(charterArticles).values({ documentId, articleId }).onConflictDoNothing();
			await db
				.select({ status: charterArticles.status })
				.from(charterArticles)
				.where(
					and(eq(charterArticles.documentId, documentId), eq(charterArticles.articleId, articleId))
				)
				.for('update');
		},

		/** Open amendments per article (withdrawn ones are not counted). */
		async amendmentCounts(documentId: string): Promise<Map<string, number>> {
			const rows = await db
				.select({ articleId: amendments.articleId, n: count() })
				.from(amendments)
				.where(and(eq(amendments.documentId, documentId), ne(amendments.status, 'withdrawn')))
				.groupBy(amendments.articleId);
			return new Map(rows.map((r) => [r.articleId, Number(r.n)]));
		},

		async insertAmendment(values: {
			documentId: string;
			articleId: string;
			kind: string;
			passage: string | null;
			text: string | null;
			justification: string | null;
			authorMemberId: string;
			anonymous: boolean;
			anchor: AmendmentAnchorJson | null;
			baseBody: string;
		}): Promise<AmendmentRow> {
			const [row] = await db.insert(amendments).values(values).returning();
			return row;
		},
		async findAmendment(id: string): Promise<AmendmentRow | null> {
			const [row] = await db.select().from(amendments).where(eq(amendments.id, id));
			return row ?? null;
		},
		/** In the order they were proposed; one article's, or the whole charter's. */
		async listAmendments(documentId: string, articleId?: string): Promise<AmendmentListRow[]> {
			const [rows, supporters] = await Promise.all([
				db
					.select({ row: amendments, authorName: members.displayName })
					.from(amendments)
					.innerJoin(members, eq(members.id, amendments.authorMemberId))
					.where(
						and(
							eq(amendments.documentId, documentId),
							articleId === undefined ? undefined : eq(amendments.articleId, articleId)
						)
					)
					.orderBy(asc(amendments.createdAt), asc(amendments.id)),
				supporterCounts(documentId)
			]);
			return rows.map((r) => ({
				...r.row,
				authorName: r.authorName,
				supporters: supporters.get(r.row.id) ?? 0
			}));
		},
		async updateAmendment(id: string, patch: Partial<AmendmentRow>) {
			const [row] = await db.update(amendments).set(patch).where(eq(amendments.id, id)).returning();
			return row ?? null;
		},
		/** Only from one of `from`: a withdraw racing a vote's opening cannot undo it. */
		async moveAmendment(id: string, from: string[], patch: Partial<AmendmentRow>) {
			const [row] = await db
				.update(amendments)
				.set(patch)
				.where(and(eq(amendments.id, id), inArray(amendments.status, from)))
				.returning();
			return row ?? null;
		},
		async supportedBy(memberId: string, amendmentIds: string[]): Promise<Set<string>> {
			if (amendmentIds.length === 0) return new Set();
			const rows = await db
				.select({ id: amendmentSupporters.amendmentId })
				.from(amendmentSupporters)
				.where(
					and(
						eq(amendmentSupporters.memberId, memberId),
						inArray(amendmentSupporters.amendmentId, amendmentIds)
					)
				);
			return new Set(rows.map((r) => r.id));
		},
		async addSupporter(amendmentId: string, memberId: string) {
			await db.insert(amendmentSupporters).values({ amendmentId, memberId }).onConflictDoNothing();
		},
		async removeSupporter(amendmentId: string, memberId: string) {
			await db
				.delete(amendmentSupporters)
				.where(
					and(
						eq(amendmentSupporters.amendmentId, amendmentId),
						eq(amendmentSupporters.memberId, memberId)
					)
				);
		},
		async supporterCount(amendmentId: string): Promise<number> {
			const [row] = await db
				.select({ n: count() })
				.from(amendmentSupporters)
				.where(eq(amendmentSupporters.amendmentId, amendmentId));
			return Number(row?.n ?? 0);
		},
		/**
		 * Decided amendments (adopted, rejected, withdrawn) in the order decided, with only what
		 * the consolidated charter shows: its table, and the co-authors of each adopted article.
		 */
		decidedAmendments(documentId: string) {
			return db
				.select({
					id: amendments.id,
					articleId: amendments.articleId,
					kind: amendments.kind,
					status: amendments.status,
					anonymous: amendments.anonymous,
					authorName: members.displayName,
					pollId: amendments.pollId,
					decidedAt: amendments.decidedAt
				})
				.from(amendments)
				.innerJoin(members, eq(members.id, amendments.authorMemberId))
				.where(
					and(
						eq(amendments.documentId, documentId),
						inArray(amendments.status, ['adopted', 'rejected', 'withdrawn'])
					)
				)
				.orderBy(asc(amendments.decidedAt), asc(amendments.id));
		},

		async insertVote(values: {
			pollId: string;
			documentId: string;
			articleId: string;
			amendmentId: string | null;
			sequenceId?: string | null;
			sequencePosition?: number | null;
		}) {
			await db.insert(charterVotes).values(values);
		},
		async findVote(pollId: string): Promise<CharterVoteRow | null> {
			const [row] = await db.select().from(charterVotes).where(eq(charterVotes.pollId, pollId));
			return row ?? null;
		},
		/** Votes on this target not decided yet (a second one would race the first). */
		async undecidedVotes(documentId: string, articleId: string, amendmentId: string | null) {
			return db
				.select()
				.from(charterVotes)
				.where(
					and(
						eq(charterVotes.documentId, documentId),
						eq(charterVotes.articleId, articleId),
						amendmentId === null
							? isNull(charterVotes.amendmentId)
							: eq(charterVotes.amendmentId, amendmentId),
						isNull(charterVotes.outcome)
					)
				);
		},
		/** Atomically takes the right to apply this outcome: null when someone already did. */
		async claimOutcome(
			pollId: string,
			outcome: 'adopted' | 'rejected',
			votes: VoteCounts
		): Promise<CharterVoteRow | null> {
			const [row] = await db
				.update(charterVotes)
				.set({
					outcome,
					votesFor: votes.for,
					votesAgainst: votes.against,
					votesAbstain: votes.abstain
				})
				.where(and(eq(charterVotes.pollId, pollId), isNull(charterVotes.outcome)))
				.returning();
			return row ?? null;
		},
		async markApplied(pollId: string) {
			await db
				.update(charterVotes)
				.set({ appliedAt: new Date() })
				.where(eq(charterVotes.pollId, pollId));
		},
		/** For the restart: undecided votes (their poll may have closed while down) and unapplied ones. */
		unfinishedVotes() {
			return db
				.select()
				.from(charterVotes)
				.where(or(isNull(charterVotes.outcome), isNull(charterVotes.appliedAt)));
		},
		/** The next vote of a sequence, still undecided. */
		async nextInSequence(sequenceId: string, position: number) {
			const [row] = await db
				.select()
				.from(charterVotes)
				.where(
					and(
						eq(charterVotes.sequenceId, sequenceId),
						eq(charterVotes.sequencePosition, position + 1),
						isNull(charterVotes.outcome)
					)
				);
			return row ?? null;
		},
		/** The frozen tallies of decided votes. */
		decidedVotes(documentId: string) {
			return db
				.select({
					pollId: charterVotes.pollId,
					votesFor: charterVotes.votesFor,
					votesAgainst: charterVotes.votesAgainst,
					votesAbstain: charterVotes.votesAbstain
				})
				.from(charterVotes)
				.where(and(eq(charterVotes.documentId, documentId), isNotNull(charterVotes.outcome)));
		},
		audit(entry: AuditEntryInput) {
			return insertAuditEntry(db, entry);
		}
	};
}

export type CharterQueries = ReturnType<typeof charterQueries>;

export function createCharterRepository(db: Executor) {
	return transactional(db, charterQueries);
}

export type CharterRepository = ReturnType<typeof createCharterRepository>;
