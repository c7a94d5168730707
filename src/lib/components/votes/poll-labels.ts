// Catalog lookups for poll vocabulary, so components never spell a status or method themselves.
import { m } from '$lib/paraglide/messages';
import {
	POLL_METHOD_MESSAGE_KEYS,
	type PollMethod,
	type PollStatus,
	type RevealPolicy
} from '$lib/domain/poll-types';

const STATUS = {
	draft: m.vote_status_draft,
	open: m.vote_status_open,
	closed: m.vote_status_closed,
	published: m.vote_status_published
} satisfies Record<PollStatus, () => string>;

const REVEAL = {
	live: m.vote_reveal_live,
	after_close: m.vote_reveal_after_close,
	manual: m.vote_reveal_manual
} satisfies Record<RevealPolicy, () => string>;

export const statusLabel = (status: PollStatus) => STATUS[status]();
export const revealLabel = (reveal: RevealPolicy) => REVEAL[reveal]();
export const methodLabel = (method: PollMethod) => m[POLL_METHOD_MESSAGE_KEYS[method]]();
