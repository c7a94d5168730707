// Runes state of one idea wall page: the board (cards and columns from the Y.Doc, via the lazily
// imported engine) and the dots (the server's per-member view, refetched on `wall:changed`).
// Moderation and votes are intents; the server decides and the answers come back here.
import type { CardColour } from '$lib/domain/idea-wall';
import type { WallModeration } from '$lib/domain/wall-schemas';
import type { WallView } from '$lib/protocol/wall';
import type { WireError } from '$lib/protocol/errors';
import type { PalabreClientSocket } from './socket';
import type { BoardCard, BoardStatus, WallBoardHandle } from './wall-board';
import type { DurabilityState } from './collab-durability';
import type { WallColumn } from '$lib/domain/idea-wall';

export class WallLive {
	status = $state<BoardStatus>('connecting');
	everConnected = $state(false);
	phase = $state<'loading' | 'ready' | 'failed'>('loading');
	columns = $state<WallColumn[]>([]);
	cards = $state<BoardCard[]>([]);
	denied = $state<string | null>(null);
	closedCode = $state<number | null>(null);
	closedReason = $state('');
	/** Whether our edits are confirmed stored by the server (the badge says *Enregistré* only then). */
	durability = $state<DurabilityState>({ pending: false, storageDelayed: false });
	/** Set when the server refused one of our edits (the board was reloaded from the server). */
	refused = $state(false);
	view = $state<WallView | null>(null);
	error = $state<string | null>(null);
	pending = $state(false);
	private board: WallBoardHandle | null = null;
	private destroyed = false;
	private onChanged = ({ documentId }: { documentId: string }) => {
		if (documentId === this.documentId) void this.refresh();
	};

	private onConnect = () => void this.refresh();

	constructor(
		readonly documentId: string,
		readonly memberId: string,
		private socket: PalabreClientSocket | null
	) {
		socket?.on('wall:changed', this.onChanged);
		// After a reconnection we may have missed notices: read the view again.
		socket?.on('connect', this.onConnect);
	}

	get offline(): boolean {
		return this.status !== 'connected' && this.everConnected;
	}

	async start() {
		try {
			const { startWallBoard } = await import('./wall-board');
			if (this.destroyed) return;
			this.board = startWallBoard({
				documentId: this.documentId,
				memberId: this.memberId,
				callbacks: {
					status: (status) => {
						this.status = status;
						if (status === 'connected') this.everConnected = true;
					},
					snapshot: ({ columns, cards }) => {
						this.columns = columns;
						this.cards = cards;
					},
					access: (reason) => (this.denied = reason),
					refused: () => (this.refused = true),
					closed: (code, reason) => {
						this.closedCode = code;
						this.closedReason = reason;
					},
					durability: (state) => (this.durability = state)
				}
			});
			this.phase = 'ready';
		} catch (error) {
			console.error('[wall] failed to start', error);
			this.phase = 'failed';
		}
		await this.refresh();
	}

	async refresh() {
		try {
			const res = await fetch(`/api/documents/${this.documentId}/wall`);
			if (res.ok) this.view = (await res.json()) as WallView;
		} catch {
			// offline: the dots come back with the connection (`connect` refetches)
		}
	}

	post(input: { text: string; colour?: CardColour; columnId: string | null }) {
		this.board?.post(input);
	}
	edit(cardId: string, patch: { text?: string; colour?: CardColour | null }) {
		this.board?.edit(cardId, patch);
	}
	addColumn(title: string) {
		this.board?.addColumn(title);
	}
	renameColumn(columnId: string, title: string) {
		this.board?.renameColumn(columnId, title);
	}
	move(cardId: string, columnId: string | null, index: number) {
		this.board?.move(cardId, columnId, index);
	}

	/** Runs a request to the wall's API; a refusal's translated message lands in `error`. */
	private async call(path: string, method: string, body?: unknown): Promise<boolean> {
		this.pending = true;
		try {
			const res = await fetch(`/api/documents/${this.documentId}/wall${path}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const data = await res.json().catch(() => null);
			if (!res.ok) {
				this.error = (data as { error?: WireError } | null)?.error?.message ?? '';
				return false;
			}
			this.error = null;
			if (data && typeof data === 'object' && 'settings' in data) this.view = data as WallView;
			return true;
		} catch {
			this.error = '';
			return false;
		} finally {
			this.pending = false;
		}
	}

	dot(cardId: string, delta: 1 | -1) {
		return this.call('/dots', 'POST', { cardId, delta });
	}
	moderate(command: WallModeration, cardId: string, targetId?: string) {
		return this.call(`/${command}`, 'POST', { cardId, ...(targetId ? { targetId } : {}) });
	}
	settings(patch: { dotsPerMember?: number; votingOpen?: boolean }) {
		return this.call('/settings', 'PUT', patch);
	}
	reveal(revealed: boolean) {
		return this.call(revealed ? '/reveal' : '/conceal', 'POST');
	}
	promote(cardId: string, documentId: string) {
		return this.call('/promote', 'POST', { cardId, documentId });
	}

	destroy() {
		this.destroyed = true;
		this.socket?.off('wall:changed', this.onChanged);
		this.socket?.off('connect', this.onConnect);
		this.board?.destroy();
		this.board = null;
	}
}
