// The client's address, the key of the per-address limits. Behind a proxy you run, TRUST_PROXY
// makes it the forwarded address (server/http-server.ts); a venue's phones share one.
import type { RequestEvent } from '@sveltejs/kit';

export function addressKey(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
