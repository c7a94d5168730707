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
