// The projector's head count: it asks to watch the screen room on every (re)connection and then
// receives `presence:count` when people come and go (phones never get those messages).
import type { WorkshopLive } from './workshop-live.svelte';

export class ScreenPresence {
	present = $state<number | null>(null);
	private readonly watch = () => {
		this.live.socket.emit('screen:watch', { workshopId: this.live.workshopId }, (res) => {
			if (res.ok) this.present = res.data.present;
		});
	};
	private readonly onCount = (p: { workshopId: string; present: number }) => {
		if (p.workshopId === this.live.workshopId) this.present = p.present;
	};

	constructor(private live: WorkshopLive) {
		live.socket.on('connect', this.watch);
		live.socket.on('presence:count', this.onCount);
		if (live.socket.connected) this.watch();
	}

	close() {
		this.live.socket.off('connect', this.watch);
		this.live.socket.off('presence:count', this.onCount);
	}
}
