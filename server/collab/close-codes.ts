// WebSocket close codes of /collab/<documentId>. 4400–4499 mirror the HTTP 4xx class: the stock
// y-websocket client (v3) treats that range as permanent and stops reconnecting, which is what we
// want for a bad client or a revoked access. 1001 and 1013 are transient: the client reconnects.
// Reasons are stable codes (translated by the client), never prose.

export const CLOSE = {
	/** A frame that is not a y-websocket message, or an update Yjs cannot decode or integrate. */
	malformedMessage: { code: 4400, reason: 'malformed_message' },
	/** The session behind the connection is gone (logout, expiry) — see `disconnectUser`. */
	unauthorized: { code: 4401, reason: 'unauthorized' },
	/** The user lost access to the document (removed from the workshop). */
	forbidden: { code: 4403, reason: 'forbidden' },
	/** The document was deleted while connected — see `closeDocument`. */
	unknownDocument: { code: 4404, reason: 'unknown_document' },
	/** One update (or awareness message) over the configured size limit. */
	updateTooLarge: { code: 4413, reason: 'update_too_large' },
	/**
	 * The update would take the document over its size cap (per kind, raised per document by the
	 * facilitator). Permanent: the client would resend the same edit on every reconnection.
	 */
	documentTooLarge: { code: 4413, reason: 'document_too_large' },
	/**
	 * The client's protocol version (`?protocol=`, src/lib/protocol/version.ts) is older than the
	 * server serves: the page must reload. 4426 mirrors HTTP 426 Upgrade Required; permanent.
	 */
	clientOutdated: { code: 4426, reason: 'client_outdated' },
	/** The client is newer than this server (a deploy rolling out): permanent for this page. */
	serverOutdated: { code: 4426, reason: 'server_outdated' },
	/** Too many messages per second on one connection (a runaway or hostile client). */
	rateLimited: { code: 4429, reason: 'rate_limited' },
	/** Too many bytes per second on one connection (sustained rate plus a burst). */
	byteRateLimited: { code: 4429, reason: 'byte_rate_limited' },
	/**
	 * Storage is so far behind (database slow or away) that the document's unsaved backlog is
	 * full: writes are refused rather than held in memory without bound. Transient: the client
	 * keeps its edits, reconnects with backoff and resends them once storage has caught up.
	 */
	storageBacklog: { code: 1013, reason: 'storage_backlog' },
	/** Server shutdown or restart: the client reconnects and resyncs. */
	goingAway: { code: 1001, reason: 'server_going_away' },
	/** The server could not load or save the document; transient. */
	internalError: { code: 1011, reason: 'internal_error' },
	/** The client does not read what we send (send buffer over the limit); transient. */
	slowConsumer: { code: 1013, reason: 'slow_consumer' }
} as const;

export type CloseName = keyof typeof CLOSE;
export type CloseSpec = (typeof CLOSE)[CloseName];
export type CloseCode = CloseSpec['code'];

/**
 * Above `maxPayload` the `ws` library closes with 1009 (message too big) by itself, before we see
 * the frame; we set it well above `maxUpdateBytes` so that 4413 is what clients normally get.
 */
export const WS_MESSAGE_TOO_BIG = 1009;
