// Shared by the repositories whose services write several rows that must commit together (a run
// state and its audit entry, a poll and its audit entry): the same queries, bound either to the
// database or to an open transaction.
import type { Executor } from '../db/client';
import { auditLog } from '../db/schema';

export interface AuditEntryInput {
	workshopId: string;
	actor: string | null;
	action: string;
	subject?: string;
	data?: Record<string, unknown>;
}

/** Appends to the audit log through `db`, so it commits with whatever else the caller writes. */
export async function insertAuditEntry(db: Executor, entry: AuditEntryInput) {
	await db.insert(auditLog).values({
		workshopId: entry.workshopId,
		actorUserId: entry.actor,
		action: entry.action,
		subject: entry.subject ?? null,
		data: entry.data ?? {}
	});
}

export function transactional<Q>(db: Executor, queries: (db: Executor) => Q) {
	return {
		...queries(db),
		transaction<T>(work: (tx: Q) => Promise<T>): Promise<T> {
			return db.transaction((tx) => work(queries(tx as unknown as Executor)));
		}
	};
}
