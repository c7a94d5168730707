// Catalog lookups for document kinds and server reasons, so components never spell them.
import { m } from '$lib/paraglide/messages';
import type { DocumentKind } from '$lib/domain/documents';

export const documentKindLabel: Record<DocumentKind, () => string> = {
	charter: m.collab_kind_charter,
	notes: m.collab_kind_notes,
	action_plan: m.collab_kind_action_plan,
	idea_wall: m.collab_kind_idea_wall
};

/** Why the editor is read-only, from the server's reason code. */
export function readOnlyMessage(reason: string): string {
	return reason === 'locked' ? m.collab_read_only_locked() : m.collab_read_only_role();
}

/**
 * What a permanent /collab refusal means (close codes and reasons of server/collab/close-codes.ts;
 * 4413 and 4429 have two reasons each).
 */
export function closedMessage(code: number, reason = ''): string {
	if (reason === 'document_too_large') return m.collab_closed_document_too_large();
	if (reason === 'update_too_large') return m.collab_closed_update_too_large();
	if (reason === 'byte_rate_limited' || reason === 'rate_limited')
		return m.collab_closed_rate_limited();
	if (code === 4401) return m.collab_closed_unauthorized();
	if (code === 4403) return m.collab_closed_forbidden();
	if (code === 4404) return m.collab_closed_unknown();
	return m.collab_closed_other();
}
