// Co-edited workshop texts: their kinds and who may write them. No zod here: the editor page
// imports these names and must not pull the schema library (see document-schemas.ts).
import type { MemberRole } from './workshop';
import { decide } from './permissions';

export const DOCUMENT_KINDS = ['charter', 'notes', 'action_plan', 'idea_wall'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Roles that read by default and can be granted writing by a facilitator. */
export const GRANTABLE_ROLES = ['observer', 'reviewer'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const DOCUMENT_TEMPLATES = ['charter'] as const;
export type DocumentTemplate = (typeof DOCUMENT_TEMPLATES)[number];

export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The Tiptap fragment name (Tiptap's default): any standard Yjs client can read and write it. */
export const DOCUMENT_FRAGMENT = 'default';

/** Why a write is refused; the same strings travel on /collab as permission-denied reasons. */
export type DocumentWriteAccess = true | 'read_only' | 'locked';

/**
 * Server truth for one member and one document (the permission table's `document.edit`): locks
 * win over roles, grants widen roles.
 */
export function documentWriteAccess(
	role: MemberRole,
	document: { locked: boolean; writeGrants: readonly GrantableRole[] }
): DocumentWriteAccess {
	const decision = decide(role, 'document.edit', {
		locked: document.locked,
		writeGrants: document.writeGrants
	});
	if (decision.allowed) return true;
	return decision.reason === 'locked' ? 'locked' : 'read_only';
}
