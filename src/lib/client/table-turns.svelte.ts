// The turns on a table's shared phone: « Qui vote ? » → one member's ballot → « Merci, Awa —
// passez le téléphone » → « Qui vote ? » again. Each ballot goes through the same ballot API as
// everyone's, with `forMember`; nothing of one member's ballot survives into the next turn.
import { request, routePath } from './api';
import type { Choice } from '$lib/domain/poll-types';
import type { WireError } from '$lib/protocol/errors';
import type { SeatView, TableRoster } from '$lib/protocol/tables';

export type TurnStep =
	{ kind: 'who' } | { kind: 'ballot'; seat: SeatView } | { kind: 'thanks'; name: string };

export class TableTurns {
	step = $state<TurnStep>({ kind: 'who' });
	seated = $state<SeatView[]>([]);
	sending = $state(false);
	error = $state<WireError | null>(null);
	/** The ballot being sent: a retry after a lost answer sends the same id (counted once). */
	private outbox: { memberId: string; key: string; ballotId: string } | null = null;

	constructor(
		private readonly workshopId: string,
		private readonly tableId: string,
		private readonly pollId: string,
		roster: TableRoster
	) {
		this.seated = roster.seated;
	}

	pick(seat: SeatView) {
		this.error = null;
		this.outbox = null;
		this.step = { kind: 'ballot', seat };
	}

	/** Back to the names without voting. */
	cancel() {
		this.error = null;
		this.outbox = null;
		this.step = { kind: 'who' };
	}

	async vote(choice: Choice) {
		if (this.step.kind !== 'ballot' || this.sending) return;
		const seat = this.step.seat;
		const key = JSON.stringify(choice);
		if (!this.outbox || this.outbox.memberId !== seat.memberId || this.outbox.key !== key)
			this.outbox = { memberId: seat.memberId, key, ballotId: crypto.randomUUID() };
		this.sending = true;
		this.error = null;
		const res = await request(
			'POST /api/polls/:pollId/ballots',
			{ pollId: this.pollId },
			{ ballotId: this.outbox.ballotId, choice, forMember: seat.memberId }
		);
		this.sending = false;
		if (!res.ok) {
			this.error = res.error;
			return;
		}
		this.outbox = null;
		this.seated = this.seated.map((s) =>
			s.memberId === seat.memberId ? { ...s, voted: true } : s
		);
		this.step = { kind: 'thanks', name: seat.displayName };
	}

	/** The phone has changed hands: the names again, with who has voted read afresh. */
	async next() {
		this.error = null;
		this.step = { kind: 'who' };
		const path = routePath('GET /api/workshops/:workshopId/tables/:tableId', {
			workshopId: this.workshopId,
			tableId: this.tableId
		});
		try {
			const res = await fetch(`${path}?poll=${encodeURIComponent(this.pollId)}`);
			if (res.ok) this.seated = ((await res.json()) as TableRoster).seated;
		} catch {
			// Offline: the names as this phone last knew them, with its own ballots marked.
		}
	}
}
