// The facilitator's inclusion panel data: refetched (at most every few seconds) when people come
// and go or the speaking queue moves, since the server computes the aggregates.
import type { InclusionView } from '$lib/protocol/facilitation';
import type { WorkshopLive } from './workshop-live.svelte';
import { createKeyedThrottle, systemClock } from '$lib/domain/keyed-throttle';

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
		try {
			const res = await fetch(`/api/workshops/${this.live.workshopId}/inclusion`);
			if (res.ok) this.view = await res.json();
		} catch {
			// Offline: the next change refetches.
		}
	}

	close() {
		this.refetch.dispose();
		this.live.socket.off('members:changed', this.onChange);
		this.live.socket.off('queue:state', this.onChange);
	}
}
