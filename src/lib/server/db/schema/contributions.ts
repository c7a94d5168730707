// Who wrote in which document, for the inclusion panel's "wrote" figure and the workshop report.
// One row per (document, member), written the first time the /collab server accepts an update
// from that member; the text itself stays in the Y.Doc and says nothing about its authors.
import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './workshops';
import { documents } from './documents';

export const documentContributors = pgTable(
	'document_contributors',
	{
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		memberId: uuid('member_id')
			.notNull()
			.references(() => members.id, { onDelete: 'cascade' }),
		firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.documentId, t.memberId] }),
		index('document_contributors_member_idx').on(t.memberId)
	]
);
