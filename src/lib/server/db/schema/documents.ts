// Workshop documents (charter, notes, action plan, idea wall) and their named versions. The text
// lives only in the Y.Doc (doc_updates/doc_snapshots); a version is a full Yjs state, frozen.
import { sql } from 'drizzle-orm';
import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { workshops } from './workshops';
import { bytea } from './collab';
import { DOCUMENT_KINDS, type GrantableRole } from '../../../domain/documents';

export const documents = pgTable(
	'documents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workshopId: uuid('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
		title: text('title').notNull(),
		locked: boolean('locked').notNull().default(false),
		/** Roles that read by default (observer, reviewer) but were granted writing. */
		writeGrants: jsonb('write_grants')
			.$type<GrantableRole[]>()
			.notNull()
			.default(sql`'[]'::jsonb`),
		/** Exports are public (no session) once published. */
		published: boolean('published').notNull().default(false),
		/** Size cap raised by the facilitator (bytes); null = the kind's default (domain/document-size). */
		sizeCapBytes: integer('size_cap_bytes'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('documents_workshop_idx').on(t.workshopId, t.createdAt)]
);

export const documentVersions = pgTable(
	'document_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** `Y.encodeStateAsUpdate` of the live document when saved. */
		state: bytea('state').notNull(),
		/** Hex SHA-256 of `state`: an unchanged document saved twice is visible as such. */
		hash: text('hash').notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('document_versions_document_idx').on(t.documentId, t.createdAt)]
);

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentVersionRow = typeof documentVersions.$inferSelect;
