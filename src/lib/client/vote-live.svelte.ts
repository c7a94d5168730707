// One poll as a participant's phone sees it on the light voting page: its own socket (no agenda,
// queue or document code on that page), the last `poll:state` and visible `poll:tally`, the
// ballot waiting for its acknowledgement, the countdown from the server's clock, and which
// activity the current round points at (to offer « revenir à l'activité en cours »).
//
// A ballot keeps its client-generated id until the server acknowledges it: re-sent after a
// reconnection it is the same ballot (the server answers `repeat`), never a second one.
import type { AgendaState } from '$lib/protocol/events';
import type { WireError } from '$lib/protocol/errors';
import type { PollResults, PollView } from '$lib/protocol/polls';
import type { Choice } from '$lib/domain/poll-types';
import type { MemberRole } from '$lib/domain/workshop';
import type { LinkType } from '$lib/domain/agenda';
import {
	EMPTY_ACCUMULATOR,
	addSample,
	msUntil,
	type OffsetAccumulator
} from '$lib/domain/clock-offset';
import { connectSocket, type PalabreClientSocket } from './socket';
import { protocolStatus } from './protocol-status.svelte';

export type VoteStatus = 'connecting' | 'online' | 'offline' | 'removed';

/** Samples on each (re)connection, as for the agenda: the fastest few bound the error. */
const SAMPLES_PER_SYNC = 5;
/** Redraws the countdown a few times per second, only while a countdown runs. */
const TICK_MS = 250;

export interface VoteInit {
	workshopId: string;
	poll: PollView;
	results: PollResults | null;
	role: MemberRole;
}

interface Outbox {
	ballotId: string;
	choice: Choice;
	key: string;
}

export class VoteLive {
	status = $state<VoteStatus>('connecting');
	role = $state<MemberRole>('participant');
	/** Set when the server ended this session (signed out, expired, disabled): its translated why. */
	ended = $state<string | null>(null);
	poll = $state<PollView>() as PollView;
	tally = $state<PollResults | null>(null);
	voted = $state(false);
	/** A ballot was submitted and its acknowledgement has not come back yet. */
	sending = $state(false);
	error = $state<WireError | null>(null);
	/** The current round's linked activity; `null` until the server's agenda greeting arrives. */
	linked = $state<{ type: LinkType; id: string } | undefined | null>(null);
	/** The current round's id; `null` until the greeting, or when no round runs. */
	roundId = $state<string | null>(null);
	private clock = $state<OffsetAccumulator>(EMPTY_ACCUMULATOR);
	private now = $state(Date.now());
	private ticker: ReturnType<typeof setInterval> | null = null;
	private agendaAt = 0;
	/** Clock samples are taken only for a poll with a countdown, once per connection. */
	private synced = false;
	private outbox: Outbox | null = null;
	readonly workshopId: string;
	readonly socket: PalabreClientSocket;

	/** Time left before the poll closes itself, from the server clock; `null` without countdown. */
	readonly remainingMs = $derived.by(() => {
		const { status, closesAt } = this.poll;
		if (status !== 'open' || closesAt === null) return null;
		return msUntil(closesAt, this.now, this.clock.estimate);
	});

	constructor(
		init: VoteInit,
		socket: PalabreClientSocket = connectSocket({ websocketFirst: true })
	) {
		this.workshopId = init.workshopId;
		this.show(init);
		this.role = init.role;
		this.socket = socket;
		socket.on('connect', () => this.enter());
		socket.on('disconnect', () => {
			this.synced = false;
			if (this.status !== 'removed') this.status = 'offline';
		});
		socket.on('session:ended', ({ message }) => (this.ended = message));
		socket.on('member:removed', ({ workshopId }) => {
			if (workshopId === this.workshopId) this.status = 'removed';
		});
		socket.on('member:role', ({ workshopId, role }) => {
			if (workshopId === this.workshopId) this.role = role;
		});
		socket.on('poll:state', (view) => this.receive(view));
		socket.on('poll:tally', (tally) => {
			if (tally.pollId !== this.poll.id || tally.hidden) return;
			this.tally = tally;
			// After new ballots a visible tally comes alone: it carries the participation count.
			const voted = tally.totalBallots ?? this.poll.participation.voted;
			const { participation } = this.poll;
			if (voted !== participation.voted || tally.eligible !== participation.eligible)
				this.poll = { ...this.poll, participation: { voted, eligible: tally.eligible } };
		});
		socket.on('agenda:state', (state) => this.receiveAgenda(state));
		if (socket.connected) this.enter();
		this.updateTicker();
	}

	/**
	 * The page moved to another poll of the workshop (the next round's vote): the same socket,
	 * agenda and follow memory, but nothing of the previous poll's state, ballot or error. The
	 * page's data is fresh from its load; the room's next `poll:state` for it keeps it current.
	 */
	show(init: Pick<VoteInit, 'poll' | 'results'>) {
		if (this.poll?.id === init.poll.id) return;
		if (this.poll) protocolStatus.hold(`ballot:${this.poll.id}`, false);
		this.poll = init.poll;
		this.tally = init.results && !init.results.hidden ? init.results : null;
		this.voted = init.poll.voted === true;
		this.outbox = null;
		this.sending = false;
		this.error = null;
		if (this.socket) this.updateTicker();
	}

	private enter() {
		this.socket.emit('workshop:enter', { workshopId: this.workshopId }, (res) => {
			if (!res.ok) {
				this.status = 'removed';
				return;
			}
			this.role = res.data.role;
			this.status = 'online';
			this.synced = false;
			this.updateTicker();
			// A ballot sent before the connection dropped may never have been acknowledged.
			this.flush();
		});
	}

	/** Keeps the newest view whatever the order of the greeting, broadcasts and page data. */
	private receive(view: PollView) {
		if (view.id !== this.poll.id || view.serverNow < this.poll.serverNow) return;
		this.poll = view;
		if (view.voted) this.voted = true;
		// Reopened, or hidden again: counts the server no longer shows must go.
		if (view.status === 'open' && !view.revealed && view.settings.reveal !== 'live')
			this.tally = null;
		this.updateTicker();
	}

	private receiveAgenda(state: AgendaState) {
		if (state.workshopId !== this.workshopId || state.serverNow < this.agendaAt) return;
		this.agendaAt = state.serverNow;
		const item = state.current ? state.items[state.current.index] : undefined;
		this.linked = item?.linked;
		this.roundId = item?.id ?? null;
	}

	/** Casts (or changes) the ballot; the same choice re-submitted keeps its ballot id. */
	vote(choice: Choice) {
		const key = JSON.stringify(choice);
		if (!this.outbox || this.outbox.key !== key)
			this.outbox = { ballotId: crypto.randomUUID(), choice, key };
		this.sending = true;
		// A reload would drop the ballot before its acknowledgement: "Palabre a été mis à jour" waits.
		protocolStatus.hold(`ballot:${this.poll.id}`, true);
		this.error = null;
		this.flush();
	}

	private flush() {
		const outbox = this.outbox;
		if (!outbox || this.status !== 'online') return;
		const { ballotId, choice } = outbox;
		this.socket.emit('poll:vote', { pollId: this.poll.id, ballotId, choice }, (res) => {
			// An answer for a ballot since replaced by another choice, or already answered.
			if (this.outbox?.ballotId !== ballotId) return;
			this.outbox = null;
			this.sending = false;
			protocolStatus.hold(`ballot:${this.poll.id}`, false);
			if (res.ok) {
				this.voted = true;
				this.error = null;
			} else {
				this.error = res.error;
			}
		});
	}

	/** NTP-style samples, one after the other so they do not queue behind each other. */
	private sync() {
		const sample = (left: number) => {
			if (left === 0 || !this.socket.connected) return;
			const t0 = Date.now();
			this.socket.emit('time:sync', t0, (ts) => {
				if (typeof ts !== 'number') return; // refused: this sample is lost, not the clock
				this.clock = addSample(this.clock, { t0, ts, t1: Date.now() });
				sample(left - 1);
			});
		};
		sample(SAMPLES_PER_SYNC);
	}

	/**
	 * Ticks only while a countdown runs: a phone waiting on a plain vote does no work, and asks
	 * the server's time only then (five round trips saved on a first load without countdown).
	 */
	private updateTicker() {
		const counting = this.poll.status === 'open' && this.poll.closesAt !== null;
		if (counting && !this.synced && this.status === 'online') {
			this.synced = true;
			this.sync();
		}
		if (counting && !this.ticker) {
			this.ticker = setInterval(() => (this.now = Date.now()), TICK_MS);
		} else if (!counting && this.ticker) {
			clearInterval(this.ticker);
			this.ticker = null;
		}
		this.now = Date.now();
	}

	close() {
		if (this.ticker) clearInterval(this.ticker);
		this.socket.disconnect();
	}
}
