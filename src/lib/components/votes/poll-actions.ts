// What a facilitator can do to a poll in each status, and the buttons' words. The server decides
// (it refuses a command out of turn); this only decides which buttons to offer.
import { m } from '$lib/paraglide/messages';
import type { PollCommandName, PollView } from '$lib/protocol/polls';

export const POLL_ACTIONS = {
	draft: ['open'],
	open: ['close', 'reveal'],
	closed: ['reopen', 'reveal', 'publish'],
	published: []
} satisfies Record<PollView['status'], PollCommandName[]>;

export const pollActionLabel: Record<PollCommandName, () => string> = {
	open: m.vote_action_open,
	close: m.vote_action_close,
	reopen: m.vote_action_reopen,
	reveal: m.vote_action_reveal,
	publish: m.vote_action_publish
};

/** The actions offered now: no reveal once revealed, no opening before a nomination's shortlist. */
export function pollActions(poll: PollView): PollCommandName[] {
	return POLL_ACTIONS[poll.status].filter(
		(action) =>
			!(action === 'reveal' && poll.revealed) && !(action === 'open' && poll.ballotMethod === null)
	);
}
