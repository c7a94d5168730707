// The agenda as this device sees it: the last `agenda:state` from the server and a countdown
// computed locally from the round's server `endsAt` and this device's estimated clock offset, so
// every phone and the projector show the same time without per-second messages.
import { getContext, setContext } from 'svelte';
import type { AgendaState, AgendaCommand } from '$lib/protocol/events';
import type { WireError } from '$lib/protocol/errors';
import {
	EMPTY_ACCUMULATOR,
	addSample,
	msUntil,
	type OffsetAccumulator
} from '$lib/domain/clock-offset';
import type { WorkshopLive } from './workshop-live.svelte';
import { request } from './api';

/** Samples taken on each (re)connection: enough for the fastest few to bound the error. */
const SAMPLES_PER_SYNC = 5;
/** Clocks drift and people change the time on their phone: re-sample now and then. */
const RESYNC_MS = 5 * 60 * 1000;
/** Redraws the countdown a few times per second so a displayed second is never late by much. */
const TICK_MS = 250;

/** `mm:ss` (or `h:mm:ss`), rounded up so "00:00" appears only when the time is really up. */
export { formatCountdown } from './countdown';

export class AgendaLive {
	state = $state<AgendaState | null>(null);
	error = $state<WireError | null>(null);
	pending = $state(false);
	private clock = $state<OffsetAccumulator>(EMPTY_ACCUMULATOR);
	private now = $state(Date.now());
	private ticker: ReturnType<typeof setInterval> | null = null;
	private resync: ReturnType<typeof setInterval>;

	readonly current = $derived(this.state?.current ?? null);
	readonly round = $derived(this.current ? (this.state?.items[this.current.index] ?? null) : null);
	/** Time left as this device computes it; `null` for a round not started or finished. */
	readonly remainingMs = $derived.by(() => {
		const current = this.current;
		if (!current) return null;
		if (current.state === 'running' && current.endsAt !== undefined) {
			return msUntil(current.endsAt, this.now, this.clock.estimate);
		}
		return current.state === 'paused' ? (current.remainingMs ?? null) : null;
	});
	/** Add to `Date.now()` to get the server's time (other live views count from it too). */
	readonly offsetMs = $derived(this.clock.estimate?.offsetMs ?? 0);
	readonly timeUp = $derived(
		this.current?.state === 'done' || (this.current?.state === 'running' && this.remainingMs === 0)
	);

	constructor(private live: WorkshopLive) {
		live.socket.on('agenda:state', (state) => this.receive(state));
		live.socket.on('connect', () => this.sync());
		if (live.socket.connected) this.sync();
		this.resync = setInterval(() => this.sync(), RESYNC_MS);
		// The socket may have entered the workshop before this page existed (client navigation):
		// its greeting is gone, so read the state once.
		void this.refresh();
	}

	/** Keeps the newest state whatever the order in which the API, acks and broadcasts arrive. */
	private receive(state: AgendaState) {
		if (state.workshopId !== this.live.workshopId) return;
		if (this.state && state.serverNow < this.state.serverNow) return;
		this.state = state;
		this.updateTicker();
	}

	async refresh() {
		const { workshopId } = this.live;
		const res = await request('GET /api/workshops/:workshopId/agenda', { workshopId });
		if (res.ok) this.receive({ ...res.data, workshopId });
		// Offline: the socket's greeting brings the state when it reconnects.
		else if (res.error.code !== 'network') this.error = res.error;
	}

	/** NTP-style samples, one after the other so they do not queue behind each other. */
	private sync() {
		const sample = (left: number) => {
			if (left === 0 || !this.live.socket.connected) return;
			const t0 = Date.now();
			this.live.socket.emit('time:sync', t0, (ts) => {
				if (typeof ts !== 'number') return; // refused: this sample is lost, not the clock
				this.clock = addSample(this.clock, { t0, ts, t1: Date.now() });
				sample(left - 1);
			});
		};
		sample(SAMPLES_PER_SYNC);
	}

	/** Ticks only while a round runs: an idle phone does no work. */
	private updateTicker() {
		const running = this.current?.state === 'running';
		if (running && !this.ticker) {
			this.ticker = setInterval(() => (this.now = Date.now()), TICK_MS);
		} else if (!running && this.ticker) {
			clearInterval(this.ticker);
			this.ticker = null;
		}
		this.now = Date.now();
	}

	/** Facilitators: replaces the whole agenda (the server answers and broadcasts the new state). */
	async replace(items: unknown[]) {
		this.pending = true;
		const { workshopId } = this.live;
		const res = await request('PUT /api/workshops/:workshopId/agenda', { workshopId }, items);
		this.pending = false;
		if (res.ok) {
			this.error = null;
			this.receive({ ...res.data, workshopId });
		} else {
			this.error = res.error;
		}
	}

	/** Facilitators' run-mode intents; the server answers with the new state (also broadcast). */
	command(command: AgendaCommand, seconds?: number) {
		this.pending = true;
		this.live.socket.emit(
			'agenda:command',
			{ workshopId: this.live.workshopId, command, seconds },
			(res) => {
				this.pending = false;
				if (res.ok) {
					this.error = null;
					this.receive(res.data);
				} else {
					this.error = res.error;
				}
			}
		);
	}

	close() {
		clearInterval(this.resync);
		if (this.ticker) clearInterval(this.ticker);
	}
}

const KEY = Symbol('agenda-live');
export const provideAgendaLive = (agenda: AgendaLive) => setContext(KEY, agenda);
export const useAgendaLive = () => getContext<AgendaLive | undefined>(KEY);
