// The version of the wire contract (socket.io events and /collab), exchanged at every handshake:
// a phone whose service worker kept an old build running must learn that the server moved on
// instead of sending shapes the server no longer reads. Bump PROTOCOL_VERSION with any change an
// older client would get wrong (an event renamed, a payload reshaped, a close code reinterpreted);
// raise MIN_CLIENT_PROTOCOL when the server stops serving the older shapes.

/** The contract this build speaks. Clients from before versioning send nothing: they count as 1. */
export const PROTOCOL_VERSION = 2;

/**
 * The oldest client the server still serves. Version 1 clients cannot show the "reload" banner
 * nor be refused cleanly later on, so they are refused now: every phone reloads once.
 */
export const MIN_CLIENT_PROTOCOL = 2;

/** What an unversioned (pre-handshake) client is taken to speak. */
export const UNVERSIONED_CLIENT = 1;

/** socket.io `auth` key and /collab query parameter that carry the client's version. */
export const PROTOCOL_PARAM = 'protocol';

export type ProtocolVerdict = 'ok' | 'client_too_old' | 'server_too_old';

/**
 * The server's judgement of a client. `server.min` may be raised above the built-in minimum by
 * the operator (PALABRE_MIN_CLIENT_PROTOCOL) to send every phone a reload after a client fix.
 */
export function compareProtocol(
	client: number,
	server: { version: number; min: number } = {
		version: PROTOCOL_VERSION,
		min: MIN_CLIENT_PROTOCOL
	}
): ProtocolVerdict {
	if (client < server.min) return 'client_too_old';
	if (client > server.version) return 'server_too_old';
	return 'ok';
}

/**
 * Reads the version a client claimed (a number in socket.io's auth, a string in a URL). Missing
 * means a client from before versioning; anything unreadable counts as the oldest too, so that a
 * garbled claim is told to reload rather than served.
 */
export function parseClientProtocol(raw: unknown): number {
	if (raw === undefined || raw === null || raw === '') return UNVERSIONED_CLIENT;
	const value = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : raw;
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1
		? value
		: UNVERSIONED_CLIENT;
}
