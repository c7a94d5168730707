// The facilitator's live member list: refetched from the API whenever the server says it changed.
import type { MemberView } from '$lib/protocol/api-types';
import type { WireError } from '$lib/protocol/errors';
import type { WorkshopLive } from './workshop-live.svelte';
import { request } from './api';

export class MemberList {
	members = $state<MemberView[]>([]);
	error = $state<WireError | null>(null);
	readonly presentCount = $derived(this.members.filter((m) => m.present).length);

	constructor(private live: WorkshopLive) {
		live.socket.on('members:changed', ({ workshopId }) => {
			if (workshopId === live.workshopId) void this.refresh();
		});
		live.socket.on('connect', () => void this.refresh());
	}

	async refresh() {
		const res = await request('GET /api/workshops/:workshopId/members', {
			workshopId: this.live.workshopId
		});
		if (res.ok) {
			this.members = res.data;
			this.error = null;
		} else {
			this.error = res.error;
		}
	}

	async setRole(memberId: string, role: string) {
		const params = { workshopId: this.live.workshopId, memberId };
		const res = await request('PATCH /api/workshops/:workshopId/members/:memberId', params, {
			role
		});
		if (res.ok) await this.refresh();
		else this.error = res.error;
	}

	async remove(memberId: string) {
		const params = { workshopId: this.live.workshopId, memberId };
		const res = await request('DELETE /api/workshops/:workshopId/members/:memberId', params);
		if (res.ok) await this.refresh();
		else this.error = res.error;
	}
}
