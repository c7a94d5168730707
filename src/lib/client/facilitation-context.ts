// One agenda and one speaking queue per workshop page tree, opened by the workshop layout and
// handed to every page and component through context (the pages then share one clock offset).
import type { WorkshopLive } from './workshop-live.svelte';
import { AgendaLive, provideAgendaLive } from './agenda-live.svelte';
import { QueueLive, provideQueueLive } from './queue-live.svelte';

export function provideFacilitation(live: WorkshopLive, memberId: string) {
	const agenda = new AgendaLive(live);
	const queue = new QueueLive(live, memberId, () => agenda.offsetMs);
	provideAgendaLive(agenda);
	provideQueueLive(queue);
	return {
		agenda,
		queue,
		close() {
			agenda.close();
			queue.close();
		}
	};
}
