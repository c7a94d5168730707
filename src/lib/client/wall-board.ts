// The idea wall's engine, loaded with `await import()` by the wall page only: a Y.Doc synced over
// /collab (y-websocket) and kept in IndexedDB, so cards posted offline wait on the phone and sync
// back. The page's runes state (wall-live.svelte.ts) only hears snapshots through callbacks.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { createDurabilityTracker, type DurabilityState } from './collab-durability';
import { COLLAB_PARAMS, holdWhileUnsaved, reportCollabClose } from './protocol-status.svelte';
import {
	CARD_KEYS,
	COLUMN_KEYS,
	WALL_MAPS,
	readCards,
	wallColumnSchema,
	type CardColour,
	type IdeaCard,
	type WallColumn
} from '$lib/domain/idea-wall';

/** y-websocket message type 2 (auth); sub-type 0 = permission denied, 1 = Palabre's "granted". */
const MESSAGE_AUTH = 2;
/** The server dropped one update of ours (see server/collab/protocol.ts `RefusalReason`). */
const WALL_REFUSAL = 'wall_rules';

export type BoardStatus = 'connecting' | 'connected' | 'disconnected';
export type BoardCard = Omit<IdeaCard, 'dots'>;

export interface WallSnapshot {
	columns: WallColumn[];
	cards: BoardCard[];
}

export interface WallBoardCallbacks {
	status(status: BoardStatus): void;
	snapshot(snapshot: WallSnapshot): void;
	/** Read-only reason (`read_only`, `locked`), null when writing is allowed. */
	access(reason: string | null): void;
	/** The server refused one of our edits: the local copy was dropped and fetched again. */
	refused(): void;
	/** A permanent refusal; `reason` is the server's code (`document_too_large`…). */
	closed(code: number, reason: string): void;
	/** Whether our edits are confirmed stored, and whether the server's storage lags. */
	durability(state: DurabilityState): void;
}

export interface WallBoardHandle {
	post(input: { text: string; colour?: CardColour; columnId: string | null }): string;
	edit(cardId: string, patch: { text?: string; colour?: CardColour | null }): void;
	addColumn(title: string): void;
	renameColumn(columnId: string, title: string): void;
	/** Puts a card in `columnId` (null = the tray) at `index` among that column's cards. */
	move(cardId: string, columnId: string | null, index: number): void;
	destroy(): void;
}

function read(doc: Y.Doc): WallSnapshot {
	const columns = Object.values(doc.getMap(WALL_MAPS.columns).toJSON())
		.map((value) => wallColumnSchema.safeParse(value))
		.filter((parsed) => parsed.success)
		.map((parsed) => parsed.data)
		.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
	const { cards } = readCards(doc.getMap(WALL_MAPS.cards).toJSON());
	const list = Object.values(cards)
		.map(({ dots: _dots, ...card }) => card)
		.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
	return { columns, cards: list };
}

function newId(): string {
	return crypto.randomUUID();
}

/** Fractional order for a card landing at `index` among `others` (sorted, without the card). */
export function orderAt(others: readonly { order: number }[], index: number): number {
	const before = others[index - 1]?.order;
	const after = others[index]?.order;
	if (before === undefined && after === undefined) return 1;
	if (before === undefined) return (after as number) - 1;
	if (after === undefined) return before + 1;
	return (before + after) / 2;
}

export function startWallBoard(options: {
	documentId: string;
	memberId: string;
	callbacks: WallBoardCallbacks;
}): WallBoardHandle {
	const { documentId, memberId, callbacks } = options;
	const storeName = `palabre-wall-${documentId}`;
	let doc!: Y.Doc;
	let local!: IndexeddbPersistence;
	let provider!: WebsocketProvider;
	let durability!: ReturnType<typeof createDurabilityTracker>;
	let unsaved!: ReturnType<typeof holdWhileUnsaved>;
	let destroyed = false;

	const publish = () => callbacks.snapshot(read(doc));

	function connect() {
		doc = new Y.Doc();
		// Before IndexedDB and the provider: every local edit is counted before it is sent.
		unsaved = holdWhileUnsaved(documentId, callbacks.durability);
		durability = createDurabilityTracker(doc, unsaved.onChange);
		local = new IndexeddbPersistence(storeName, doc);
		const origin = location.origin.replace(/^http/, 'ws');
		provider = new WebsocketProvider(`${origin}/collab`, documentId, doc, {
			maxBackoffTime: 5_000,
			WebSocketPolyfill: durability.WebSocket,
			params: COLLAB_PARAMS
		});
		durability.attach(provider);
		provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
			let subType: number;
			let detail: string;
			try {
				subType = decoding.readVarUint(decoder);
				detail = decoding.readVarString(decoder);
			} catch {
				return;
			}
			if (subType === 0 && detail === WALL_REFUSAL) return void reset();
			if (subType === 0) {
				durability.denied();
				callbacks.access(detail || 'read_only');
			} else if (subType === 1) {
				durability.granted();
				callbacks.access(null);
			}
		};
		provider.on('status', ({ status }) => callbacks.status(status));
		provider.on('connection-close', (event) => {
			reportCollabClose(event);
			if (event && event.code >= 4400 && event.code < 4500)
				callbacks.closed(event.code, event.reason);
		});
		doc.on('update', publish);
		publish();
	}

	function teardown() {
		doc.off('update', publish);
		durability.destroy();
		unsaved.release();
		provider.destroy();
		void local.destroy();
		doc.destroy();
	}

	/**
	 * A refused edit stays in our replica and every later edit builds on it, which the server
	 * would hold forever: forget the local copy (IndexedDB too) and sync again from the server.
	 */
	async function reset() {
		if (destroyed) return;
		callbacks.refused();
		const stale = local;
		doc.off('update', publish);
		durability.destroy();
		provider.destroy();
		await stale.clearData();
		doc.destroy();
		if (!destroyed) connect();
	}

	connect();

	const cardsMap = () => doc.getMap<Y.Map<unknown>>(WALL_MAPS.cards);
	const columnCards = (columnId: string | null, except?: string) =>
		read(doc).cards.filter((c) => c.columnId === columnId && c.id !== except);

	return {
		post({ text, colour, columnId }) {
			const id = newId();
			const siblings = columnCards(columnId);
			doc.transact(() => {
				const card = new Y.Map<unknown>();
				card.set(CARD_KEYS.id, id);
				card.set(CARD_KEYS.text, text.trim());
				if (colour) card.set(CARD_KEYS.colour, colour);
				card.set(CARD_KEYS.columnId, columnId);
				card.set(CARD_KEYS.order, orderAt(siblings, siblings.length));
				card.set(CARD_KEYS.authorMemberId, memberId);
				card.set(CARD_KEYS.hidden, false);
				cardsMap().set(id, card);
			});
			return id;
		},
		edit(cardId, patch) {
			const card = cardsMap().get(cardId);
			if (!(card instanceof Y.Map)) return;
			doc.transact(() => {
				if (patch.text !== undefined) card.set(CARD_KEYS.text, patch.text.trim());
				if (patch.colour === null) card.delete(CARD_KEYS.colour);
				else if (patch.colour !== undefined) card.set(CARD_KEYS.colour, patch.colour);
			});
		},
		addColumn(title) {
			const columns = read(doc).columns;
			const id = newId();
			const column = new Y.Map<unknown>();
			column.set(COLUMN_KEYS.id, id);
			column.set(COLUMN_KEYS.title, title.trim());
			column.set(COLUMN_KEYS.order, orderAt(columns, columns.length));
			doc.getMap(WALL_MAPS.columns).set(id, column);
		},
		renameColumn(columnId, title) {
			const column = doc.getMap(WALL_MAPS.columns).get(columnId);
			if (column instanceof Y.Map) column.set(COLUMN_KEYS.title, title.trim());
		},
		move(cardId, columnId, index) {
			const card = cardsMap().get(cardId);
			if (!(card instanceof Y.Map)) return;
			const others = columnCards(columnId, cardId);
			doc.transact(() => {
				if (card.get(CARD_KEYS.columnId) !== columnId) card.set(CARD_KEYS.columnId, columnId);
				card.set(CARD_KEYS.order, orderAt(others, Math.max(0, Math.min(index, others.length))));
			});
		},
		destroy() {
			destroyed = true;
			teardown();
		}
	};
}
