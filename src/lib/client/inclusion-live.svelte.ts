// The facilitator's inclusion panel data: refetched (at most every few seconds) when people come
// and go or the speaking queue moves, since the server computes the aggregates.
import type { InclusionView } from '$lib/protocol/facilitation';
import type { WorkshopLive } from './workshop-live.svelte';
import { createKeyedThrottle, systemClock } from '$lib/domain/keyed-throttle';
import { request } from './api';

/** Presence bursts and turn changes collapse into one request. */
const REFRESH_DELAY_MS = 2000;

export class InclusionLive {
	view = $state<InclusionView | null>(null);
	private readonly refetch = createKeyedThrottle<'inclusion'>({
		intervalMs: REFRESH_DELAY_MS,
		clock: systemClock,
		leading: false,
		run: () => void this.refresh()
	});
	private readonly onChange = ({ workshopId }: { workshopId: string }) => {
		if (workshopId === this.live.workshopId) this.refetch.call('inclusion');
	};

	constructor(private live: WorkshopLive) {
		live.socket.on('members:changed', this.onChange);
		live.socket.on('queue:state', this.onChange);
		void this.refresh();
	}

	async refresh() {
		const res = await request('GET /api/workshops/:workshopId/inclusion', {
			workshopId: this.live.workshopId
		});
		// Offline or refused: the panel keeps what it shows, and the next change refetches.
		if (res.ok) this.view = res.data;
	}

	close() {
		this.refetch.dispose();
		this.live.socket.off('members:changed', this.onChange);
		this.live.socket.off('queue:state', this.onChange);
	}
}
