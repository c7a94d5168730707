// JSON shapes of the public API shared by the server and the browser.
import type { MemberRole } from '../domain/workshop';

export interface MemberView {
	memberId: string;
	displayName: string;
	role: MemberRole;
	present: boolean;
}

/** An action plan awaiting a reviewer's decision (« Plans à relire »). */
export interface PendingReview {
	documentId: string;
	title: string;
	submittedAt: string;
	/** The plan's review page. */
	link: string;
}

/**
 * A document in a workshop's list (GET /api/workshops/:id/documents): the fields the browser
 * reads of the server's `documentView` (src/lib/server/services/documents.ts), which has more.
 */
export interface DocumentListItem {
	id: string;
	kind: string;
	title: string;
}
