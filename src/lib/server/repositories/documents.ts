// Documents and their named versions. Only metadata: the text is the Y.Doc, reached through the
// collab registry, never through this repository.
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { documents, documentVersions } from '../db/schema';
import type { GrantableRole } from '../../domain/documents';

type NewDocument = typeof documents.$inferInsert;
type NewVersion = typeof documentVersions.$inferInsert;

/** Version rows without their (large) state, for lists. */
const versionSummary = {
	id: documentVersions.id,
	documentId: documentVersions.documentId,
	name: documentVersions.name,
	hash: documentVersions.hash,
	createdBy: documentVersions.createdBy,
	createdAt: documentVersions.createdAt
};

export function createDocumentsRepository(db: Database) {
	return {
		async insert(input: NewDocument) {
			const [row] = await db.insert(documents).values(input).returning();
			return row;
		},
		async find(id: string) {
			const [row] = await db.select().from(documents).where(eq(documents.id, id));
			return row ?? null;
		},
		listByWorkshop(workshopId: string) {
			return db
				.select()
				.from(documents)
				.where(eq(documents.workshopId, workshopId))
				.orderBy(documents.createdAt);
		},
		async update(
			id: string,
			changes: Partial<{
				locked: boolean;
				published: boolean;
				writeGrants: GrantableRole[];
				sizeCapBytes: number | null;
			}>
		) {
			const [row] = await db.update(documents).set(changes).where(eq(documents.id, id)).returning();
			return row ?? null;
		},
		async insertVersion(input: NewVersion) {
			const [row] = await db.insert(documentVersions).values(input).returning(versionSummary);
			return row;
		},
		listVersions(documentId: string) {
			return db
				.select(versionSummary)
				.from(documentVersions)
				.where(eq(documentVersions.documentId, documentId))
				.orderBy(desc(documentVersions.createdAt));
		},
		async findVersion(documentId: string, versionId: string) {
			const [row] = await db
				.select()
				.from(documentVersions)
				.where(
					and(eq(documentVersions.documentId, documentId), eq(documentVersions.id, versionId))
				);
			return row ?? null;
		}
	};
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
