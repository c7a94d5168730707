// The facilitator's live member list: refetched from the API whenever the server says it changed.
import type { MemberView } from '$lib/protocol/api-types';
import type { WireError } from '$lib/protocol/errors';
import type { WorkshopLive } from './workshop-live.svelte';

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
		const res = await fetch(`/api/workshops/${this.live.workshopId}/members`);
		const body = await res.json();
		if (res.ok) {
			this.members = body;
			this.error = null;
		} else {
			this.error = body.error;
		}
	}

	async setRole(memberId: string, role: string) {
		const res = await this.send('PATCH', memberId, { role });
		if (res) await this.refresh();
	}

	async remove(memberId: string) {
		const res = await this.send('DELETE', memberId);
		if (res) await this.refresh();
	}

	private async send(method: string, memberId: string, body?: unknown) {
		const res = await fetch(`/api/workshops/${this.live.workshopId}/members/${memberId}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined
		});
		if (!res.ok) {
			this.error = (await res.json()).error;
			return false;
		}
		return true;
	}
}
