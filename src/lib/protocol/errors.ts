// Error codes shared by HTTP, socket.io and /collab. Clients receive the code and a message
// translated at the edge from the catalog key `error_<code>`.
export const ERROR_STATUS = {
	validation: 400,
	unauthenticated: 401,
	invalid_credentials: 401,
	forbidden: 403,
	account_disabled: 403,
	not_found: 404,
	workshop_not_found: 404,
	join_code_unknown: 404,
	joining_closed: 403,
	workshop_ended: 410,
	invite_invalid: 404,
	email_taken: 409,
	setup_done: 409,
	last_facilitator: 409,
	conflict: 409,
	rate_limited: 429,
	/** A guessing limit: `params.seconds` says how long to wait (also in Retry-After). */
	too_many_attempts: 429,
	payload_too_large: 413,
	// Votes: `params.reason` carries the domain code (VOTE_ERROR_CODES), whose `vote_error_*`
	// message the edge shows instead of the generic one.
	poll_not_found: 404,
	poll_invalid: 400,
	ballot_invalid: 400,
	not_eligible: 403,
	poll_closed: 409,
	ballot_conflict: 409,
	poll_state_conflict: 409,
	/** The handshake's protocol version is older than the server serves (version.ts): reload. */
	client_outdated: 426,
	/** The client is newer than this server (a deploy still rolling out): try again shortly. */
	server_outdated: 503,
	internal: 500
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface WireError {
	code: ErrorCode | (string & {});
	message: string;
	/** For validation errors: the first offending field, as a dotted path. */
	field?: string;
	/** The domain's own code under a generic one (e.g. `unknown_option` under `ballot_invalid`). */
	reason?: string;
}

export function isErrorCode(code: string): code is ErrorCode {
	return Object.hasOwn(ERROR_STATUS, code);
}
