// A member's live link to their workshop: connection state, role, removal. One instance per
// workshop page tree, handed out through context (never a module singleton).
import { getContext, setContext } from 'svelte';
import type { MemberRole } from '$lib/domain/workshop';
import { connectSocket, type PalabreClientSocket } from './socket';

export type LiveStatus = 'connecting' | 'online' | 'offline' | 'removed';

export class WorkshopLive {
	status = $state<LiveStatus>('connecting');
	role = $state<MemberRole | null>(null);
	/** Set when the server ended this session (signed out, expired, disabled): its translated why. */
	ended = $state<string | null>(null);
	readonly socket: PalabreClientSocket;

	constructor(readonly workshopId: string) {
		this.socket = connectSocket();
		this.socket.on('connect', () => this.enter());
		this.socket.on('disconnect', () => {
			if (this.status !== 'removed') this.status = 'offline';
		});
		this.socket.on('session:ended', ({ message }) => (this.ended = message));
		this.socket.on('member:removed', ({ workshopId }) => {
			if (workshopId === this.workshopId) this.status = 'removed';
		});
		this.socket.on('member:role', ({ workshopId, role }) => {
			if (workshopId === this.workshopId) this.role = role;
		});
	}

	private enter() {
		this.socket.emit('workshop:enter', { workshopId: this.workshopId }, (res) => {
			if (res.ok) {
				this.role = res.data.role;
				this.status = 'online';
			} else {
				this.status = 'removed';
			}
		});
	}

	close() {
		this.socket.disconnect();
	}
}

const KEY = Symbol('workshop-live');
export const provideWorkshopLive = (live: WorkshopLive) => setContext(KEY, live);
export const useWorkshopLive = () => getContext<WorkshopLive>(KEY);
