// Which pages may open Palabre's realtime channels (socket.io, /collab) with the visitor's cookie.
// SameSite=Lax does not stop a WebSocket opened by a page on another port of the venue laptop or
// on a sibling subdomain: the browser sends the session cookie with it. The browser also sends
// the page's Origin, which that page cannot forge, so the handshake is judged on it.

export interface OriginPolicy {
	/** ORIGIN, the public address; unset on a venue laptop reached by its IP or name. */
	origin: string | undefined;
	/** ALLOWED_ORIGINS: more origins allowed besides ORIGIN (or besides the request's own host). */
	allowedOrigins: readonly string[];
}

/**
 * - No Origin header: allowed. Browsers always send one on a WebSocket handshake and on a
 *   cross-origin request, so its absence means a non-browser client (a script, the test suite,
 *   a load bench) — which holds the cookie itself and gains nothing from a browser's ambient
 *   credentials — or a same-origin long-polling GET, which browsers send without Origin.
 * - `Origin: null` (sandboxed frame, file://): refused.
 * - ORIGIN set: only ORIGIN and ALLOWED_ORIGINS.
 * - ORIGIN unset: the request's own host (same-origin, whatever address the venue uses) and
 *   ALLOWED_ORIGINS.
 */
export function handshakeOriginAllowed(
	originHeader: string | string[] | undefined,
	hostHeader: string | undefined,
	policy: OriginPolicy
): boolean {
	if (originHeader === undefined) return true;
	if (Array.isArray(originHeader) || originHeader === '') return false;
	let origin: URL;
	try {
		origin = new URL(originHeader);
	} catch {
		return false; // 'null' and anything else that is not an origin
	}
	if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return false;
	if (policy.origin && origin.origin === policy.origin) return true;
	if (policy.allowedOrigins.includes(origin.origin)) return true;
	if (policy.origin) return false;
	return hostHeader !== undefined && origin.host === hostHeader.toLowerCase();
}
