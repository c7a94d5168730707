// Where Yjs documents live between loads: an append-only update log plus one compacted snapshot per
// document. One contract, two implementations (memory for tests and the benchmark, SQL for PGlite
// and PostgreSQL); tests/realtime/collab-store.test.ts runs the same suite against both.
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../../src/lib/server/db/client';
import { docSnapshots, docUpdates } from '../../src/lib/server/db/schema/collab';

export interface StoredDocument {
	/** State of every update up to the snapshot's last update id; null when never compacted. */
	snapshot: Uint8Array | null;
	/** Updates appended after the snapshot, oldest first. */
	updates: Uint8Array[];
	/** Id of the last update folded into this result (0 if none): what a compaction may cover. */
	lastUpdateId: number;
}

export interface DocumentStore {
	/** Never fails for an unknown document: an empty one has no snapshot and no updates. */
	load(docId: string): Promise<StoredDocument>;
	/** Appends one (Yjs v1) update; resolves with its id once durable. Ids grow per store. */
	appendUpdate(docId: string, update: Uint8Array): Promise<number>;
	/**
	 * Replaces the snapshot with `snapshot`, which must contain every update with id ≤ `upToId`,
	 * and deletes those from the log. A snapshot older than the stored one is ignored.
	 */
	compact(docId: string, snapshot: Uint8Array, upToId: number): Promise<void>;
}

interface MemoryDocument {
	snapshot: Uint8Array | null;
	snapshotUpTo: number;
	updates: Array<{ id: number; update: Uint8Array }>;
}

/** In-process store; copies bytes in and out so that callers can never mutate what is stored. */
export function createMemoryDocumentStore(): DocumentStore & { documentCount(): number } {
	const documents = new Map<string, MemoryDocument>();
	let nextId = 1;
	const get = (docId: string) => {
		let doc = documents.get(docId);
		if (!doc) {
			doc = { snapshot: null, snapshotUpTo: 0, updates: [] };
			documents.set(docId, doc);
		}
		return doc;
	};
	return {
		async load(docId) {
			const doc = documents.get(docId);
			if (!doc) return { snapshot: null, updates: [], lastUpdateId: 0 };
			return {
				snapshot: doc.snapshot && doc.snapshot.slice(),
				updates: doc.updates.map((u) => u.update.slice()),
				lastUpdateId: doc.updates.at(-1)?.id ?? doc.snapshotUpTo
			};
		},
		async appendUpdate(docId, update) {
			const id = nextId++;
			get(docId).updates.push({ id, update: update.slice() });
			return id;
		},
		async compact(docId, snapshot, upToId) {
			const doc = get(docId);
			if (upToId < doc.snapshotUpTo) return;
			doc.snapshot = snapshot.slice();
			doc.snapshotUpTo = upToId;
			doc.updates = doc.updates.filter((u) => u.id > upToId);
		},
		documentCount: () => documents.size
	};
}

/**
 * PostgreSQL or PGlite through drizzle; plain SQL that PostgreSQL 15 and PGlite (17+) both accept.
 *
 * `shared`: several instances write this document's log (REDIS_URL). A compaction then folds in
 * the stored rows it deletes (another instance's row may hold an update this one has not read
 * from the stream yet), and one instance at a time compacts a document (advisory lock; the
 * others skip, their rows are folded by the next compaction).
 */
export function createSqlDocumentStore(
	db: Database,
	options: { shared?: boolean } = {}
): DocumentStore {
	return {
		async load(docId) {
			// Repeatable read: the snapshot and the log rows come from one view of the database, so
			// a compaction committing in between cannot hide the rows it just folded in.
			return db.transaction(
				async (tx) => {
					const [snap] = await tx
						.select({ state: docSnapshots.state, lastUpdateId: docSnapshots.lastUpdateId })
						.from(docSnapshots)
						.where(eq(docSnapshots.documentId, docId));
					const rows = await tx
						.select({ id: docUpdates.id, update: docUpdates.update })
						.from(docUpdates)
						.where(
							and(eq(docUpdates.documentId, docId), gt(docUpdates.id, snap?.lastUpdateId ?? 0))
						)
						.orderBy(asc(docUpdates.id));
					return {
						snapshot: snap?.state ?? null,
						updates: rows.map((r) => r.update),
						lastUpdateId: rows.at(-1)?.id ?? snap?.lastUpdateId ?? 0
					};
				},
				{ isolationLevel: 'repeatable read', accessMode: 'read only' }
			);
		},
		async appendUpdate(docId, update) {
			const [row] = await db
				.insert(docUpdates)
				.values({ documentId: docId, update })
				.returning({ id: docUpdates.id });
			return row.id;
		},
		async compact(docId, given, upToId) {
			await db.transaction(async (tx) => {
				let snapshot = given;
				if (options.shared) {
					const locked = await tx.execute(
						sql`select pg_try_advisory_xact_lock(hashtext(${'palabre-doc:' + docId})) as ok`
					);
					const rows = (Array.isArray(locked) ? locked : (locked as { rows: unknown[] }).rows) as {
						ok: boolean;
					}[];
					if (!rows[0]?.ok) return;
					const [stored] = await tx
						.select({ state: docSnapshots.state })
						.from(docSnapshots)
						.where(eq(docSnapshots.documentId, docId));
					const logged = await tx
						.select({ update: docUpdates.update })
						.from(docUpdates)
						.where(and(eq(docUpdates.documentId, docId), lte(docUpdates.id, upToId)))
						.orderBy(asc(docUpdates.id));
					const parts = [given, ...(stored ? [stored.state] : []), ...logged.map((r) => r.update)];
					if (parts.length > 1) snapshot = Y.mergeUpdates(parts);
				}
				const [kept] = await tx
					.insert(docSnapshots)
					.values({ documentId: docId, state: snapshot, lastUpdateId: upToId })
					.onConflictDoUpdate({
						target: docSnapshots.documentId,
						set: { state: snapshot, lastUpdateId: upToId, updatedAt: sql`now()` },
						// Never move back: an older snapshot (a slower writer) must not win.
						setWhere: lte(docSnapshots.lastUpdateId, upToId)
					})
					.returning({ lastUpdateId: docSnapshots.lastUpdateId });
				if (!kept) return;
				await tx
					.delete(docUpdates)
					.where(and(eq(docUpdates.documentId, docId), lte(docUpdates.id, upToId)));
			});
		}
	};
}
