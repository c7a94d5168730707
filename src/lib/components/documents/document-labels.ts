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

/** What a permanent /collab refusal means (close codes of server/collab/close-codes.ts). */
export function closedMessage(code: number): string {
	if (code === 4401) return m.collab_closed_unauthorized();
	if (code === 4403) return m.collab_closed_forbidden();
	if (code === 4404) return m.collab_closed_unknown();
	return m.collab_closed_other();
}
