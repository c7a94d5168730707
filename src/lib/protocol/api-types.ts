// JSON shapes of the public API shared by the server and the browser.
import type { MemberRole } from '../domain/workshop';

export interface MemberView {
	memberId: string;
	displayName: string;
	role: MemberRole;
	present: boolean;
}
