// The speaking queue and reactions as this device sees them: the last `queue:state` and
// `reactions:state` from the server, the running turn and reaction counts computed locally from
// server times (corrected by the clock offset), so the server sends nothing per second.
import { getContext, setContext } from 'svelte';
import type { QueueState, ReactionsState } from '$lib/protocol/facilitation';
import type { Ack } from '$lib/protocol/events';
import type { WireError } from '$lib/protocol/errors';
import type { Reaction } from '$lib/domain/speaking-queue';
import type { WorkshopLive } from './workshop-live.svelte';
import { request } from './api';

/** Seconds are enough for a speaking turn; reactions fade out on the same beat. */
const TICK_MS = 1000;

export class QueueLive {
	state = $state<QueueState | null>(null);
	reactions = $state<ReactionsState | null>(null);
	error = $state<WireError | null>(null);
	pending = $state(false);
	private now = $state(Date.now());
	private ticker: ReturnType<typeof setInterval> | null = null;

	readonly waiting = $derived(this.state?.waiting ?? []);
	readonly current = $derived(this.state?.current ?? null);
	readonly position = $derived.by(() => {
		const i = this.waiting.findIndex((w) => w.memberId === this.memberId);
		return i < 0 ? null : i + 1;
	});
	readonly speaking = $derived.by(
		() => this.current !== null && this.current.memberId === this.memberId
	);
	/** The running turn's length, from its server start and this device's clock offset. */
	readonly turnMs = $derived.by(() =>
		this.current ? Math.max(0, this.now + this.offset() - this.current.startedAt) : null
	);
	readonly reactionCounts = $derived.by(() => {
		const counts: Record<Reaction, number> = { thumbs_up: 0, hand: 0, question: 0 };
		const r = this.reactions;
		if (!r) return counts;
		const serverNow = this.now + this.offset();
		for (const e of r.recent) if (serverNow - e.at < r.windowMs) counts[e.reaction] += 1;
		return counts;
	});

	/**
	 * @param memberId this device's member (from the page data), to find oneself in the queue
	 * @param offset the server clock offset, shared with the agenda's countdown
	 */
	constructor(
		private live: WorkshopLive,
		readonly memberId: string,
		private offset: () => number = () => 0
	) {
		live.socket.on('queue:state', (state) => this.receive(state));
		live.socket.on('reactions:state', (state) => {
			if (state.workshopId !== live.workshopId) return;
			if (this.reactions && state.serverNow < this.reactions.serverNow) return;
			this.reactions = state;
			this.updateTicker();
		});
		// The greeting may have come before this instance existed (client navigation).
		void this.refresh();
	}

	private receive(state: QueueState) {
		if (state.workshopId !== this.live.workshopId) return;
		if (this.state && state.serverNow < this.state.serverNow) return;
		this.state = state;
		this.updateTicker();
	}

	async refresh() {
		const { workshopId } = this.live;
		const res = await request('GET /api/workshops/:workshopId/queue', { workshopId });
		// Offline: the socket's greeting brings the queue when it reconnects.
		if (res.ok) this.receive({ ...res.data, workshopId });
	}

	/** Ticks only while someone speaks or a reaction is fresh: an idle phone does no work. */
	private updateTicker() {
		const busy = this.current !== null || (this.reactions?.recent.length ?? 0) > 0;
		if (busy && !this.ticker) this.ticker = setInterval(() => (this.now = Date.now()), TICK_MS);
		else if (!busy && this.ticker) {
			clearInterval(this.ticker);
			this.ticker = null;
		}
		this.now = Date.now();
	}

	/** Every queue intent answers with the new queue (the room gets it as `queue:state` too). */
	private readonly answered = (res: Ack<QueueState>) => {
		this.pending = false;
		if (res.ok) {
			this.error = null;
			this.receive(res.data);
		} else {
			this.error = res.error;
		}
	};

	/** Marks an intent in flight (buttons wait for its ack) and names the workshop. */
	private begin() {
		this.pending = true;
		return { workshopId: this.live.workshopId };
	}

	raise = () => this.live.socket.emit('queue:raise', this.begin(), this.answered);
	lower = (memberId?: string) =>
		this.live.socket.emit('queue:lower', { ...this.begin(), memberId }, this.answered);
	giveFloor = (memberId?: string) =>
		this.live.socket.emit('queue:give_floor', { ...this.begin(), memberId }, this.answered);
	endTurn = () => this.live.socket.emit('queue:end_turn', this.begin(), this.answered);

	setPriority(on: boolean) {
		this.live.socket.emit('queue:priority', { workshopId: this.live.workshopId, on }, (res) => {
			if (res.ok) this.receive(res.data);
			else this.error = res.error;
		});
	}

	react(reaction: Reaction) {
		this.live.socket.emit('queue:react', { workshopId: this.live.workshopId, reaction }, (res) => {
			if (!res.ok) this.error = res.error;
		});
	}

	close() {
		if (this.ticker) clearInterval(this.ticker);
	}
}

const KEY = Symbol('queue-live');
export const provideQueueLive = (queue: QueueLive) => setContext(KEY, queue);
export const useQueueLive = () => getContext<QueueLive | undefined>(KEY);

/** `m:ss` of elapsed time, rounded down (a turn of 59.9 s has not yet lasted a minute). */
export function formatElapsed(ms: number): string {
	const total = Math.floor(Math.max(0, ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = String(total % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
