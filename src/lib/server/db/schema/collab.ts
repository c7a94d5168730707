// Co-edited documents (Yjs): an append-only update log, compacted now and then into one snapshot
// per document. The Y.Doc is the only source of truth; HTML/Markdown are derived from it.
import {
	bigint,
	bigserial,
	customType,
	index,
	pgTable,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';

/**
 * bytea as Uint8Array on both drivers: PGlite returns a Uint8Array, postgres.js a Buffer (a
 * Uint8Array subclass); a hex string is accepted too in case a driver is set to return text.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | string }>({
	dataType: () => 'bytea',
	toDriver: (value) => value,
	fromDriver: (value) => {
		if (value instanceof Uint8Array) {
			return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
		}
		const hex = value.startsWith('\\x') ? value.slice(2) : value;
		return new Uint8Array(Buffer.from(hex, 'hex'));
	}
});

export const docUpdates = pgTable(
	'doc_updates',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		// No foreign key yet: the documents table lands with the documents service.
		documentId: uuid('document_id').notNull(),
		update: bytea('update').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('doc_updates_document_idx').on(t.documentId, t.id)]
);

export const docSnapshots = pgTable('doc_snapshots', {
	documentId: uuid('document_id').primaryKey(),
	state: bytea('state').notNull(),
	/** Every update with an id up to this one is contained in `state` (and deleted from the log). */
	lastUpdateId: bigint('last_update_id', { mode: 'number' }).notNull().default(0),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type DocUpdateRow = typeof docUpdates.$inferSelect;
export type DocSnapshotRow = typeof docSnapshots.$inferSelect;
