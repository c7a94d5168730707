// Runes state of one action plan page: the plan's Y.Doc over /collab (y-websocket, kept offline in
// IndexedDB like every document), read into rows the table and the cards draw, and the edits they
// make. A row object is rebuilt only when its action changed, so a keystroke in one action does not
// redraw 200 rows. The rows come from the state embedded in the page (`load`, synchronous, also
// run by the server so the first rows arrive as HTML); yjs' providers are imported and started
// afterwards (`connect`), so their code is not on the way to the first editable cell. Tiptap comes
// later still, when a description is opened (plan-description.ts).
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { DurabilityState } from './collab-durability';
import { COLLAB_PARAMS, holdWhileUnsaved, reportCollabClose } from './protocol-status.svelte';
import {
	validateAction,
	parseBudget,
	type ActionField,
	type FieldProblem,
	type PlanAction
} from '$lib/domain/action-plan';
import { actionsOf, fragmentLines, newActionMap, readActionWith } from '$lib/yjs/plan-doc';

/** y-websocket message type 2 (auth); sub-type 0 = permission denied, 1 = Palabre's "granted". */
const MESSAGE_AUTH = 2;

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface PlanRow {
	/** Document order (0-based). */
	position: number;
	action: PlanAction;
	/** The budget as stored (a string when what was typed is not an integer). */
	rawBudget: unknown;
	problems: FieldProblem[];
	map: Y.Map<unknown>;
}

/** Random v4 UUID that also works on plain-http LAN addresses (no `crypto.randomUUID` there). */
export function newActionId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class PlanLive {
	status = $state<ConnectionStatus>('connecting');
	everConnected = $state(false);
	browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	denied = $state<string | null>(null);
	closedCode = $state<number | null>(null);
	closedReason = $state('');
	/** Whether our edits are confirmed stored by the server (the badge says *Enregistré* only then). */
	durability = $state<DurabilityState>({ pending: false, storageDelayed: false });
	/** The plan's text arrived (from IndexedDB or the server): rows are meaningful. */
	loaded = $state(false);
	rows = $state.raw<PlanRow[]>([]);
	/** Other people and the action each is editing (awareness), so two do not collide unaware. */
	editors = $state.raw<{ name: string; color: string; actionId: string }[]>([]);
	/** Our own edits carry this origin, so bound fields skip their own echoes. */
	readonly origin = Symbol('plan-page');
	doc: Y.Doc | null = null;
	private provider: WebsocketProvider | null = null;
	private local: IndexeddbPersistence | null = null;
	private connecting = false;
	/** Only the first rows were read (see `load`). */
	private partial = false;
	private editingAction: string | null = null;
	private cache = new WeakMap<Y.Map<unknown>, PlanRow>();
	private stop: (() => void)[] = [];

	constructor(
		readonly documentId: string,
		readonly user: { name: string; color: string },
		denied: string | null,
		public currency: string
	) {
		this.denied = denied;
	}

	get offline(): boolean {
		if (this.status === 'connected') return false;
		return this.everConnected || this.status === 'disconnected' || !this.browserOnline;
	}

	get writable(): boolean {
		return this.denied === null && this.closedCode === null;
	}

	/**
	 * The Y.Doc from `initialState` (the server's state at page load, a base64 Yjs update) and its
	 * rows, synchronously: the page calls it while rendering, on the server (rows as HTML) and in
	 * the browser (hydration finds the same rows). No network, no storage: `connect` does that.
	 * `firstRows`: read only that many actions for now (the first screenful); `readAll`, or any
	 * change, reads the rest.
	 */
	load(initialState?: string, firstRows = Infinity) {
		if (this.doc) return;
		const doc = (this.doc = new Y.Doc());
		if (initialState) {
			// A plain loop: `Uint8Array.from(string, mapFn)` costs a call per byte (≈ 40× slower
			// on a 200-action plan's 150 KB).
			const binary = atob(initialState);
			const bytes = new Uint8Array(binary.length);
			for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
			Y.applyUpdate(doc, bytes, 'ssr');
			this.loaded = true;
		}
		const actions = actionsOf(doc);
		const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
			// Forget the rows of the actions that changed; the others are reused as they are.
			for (const event of events) {
				let type: Y.AbstractType<unknown> | null = event.target;
				while (type && type.parent !== actions) type = type.parent as Y.AbstractType<unknown>;
				if (type instanceof Y.Map) this.cache.delete(type);
			}
			this.refresh();
		};
		actions.observeDeep(observer);
		this.stop.push(() => actions.unobserveDeep(observer));
		this.refresh(firstRows);
	}

	/** Every action's row, after `load` read only the first ones. */
	readAll() {
		if (this.partial) this.refresh();
	}

	/**
	 * Browser only: IndexedDB and the /collab WebSocket, which merge into the loaded doc whatever
	 * changed since the page was rendered. Their modules load here (a separate chunk), after the
	 * table is drawn and takes input.
	 */
	async connect() {
		if (!this.doc) this.load();
		this.readAll();
		const doc = this.doc!;
		if (this.provider || this.connecting) return;
		this.connecting = true;
		const [{ WebsocketProvider }, { IndexeddbPersistence }, decoding, { createDurabilityTracker }] =
			await Promise.all([
				import('y-websocket'),
				import('y-indexeddb'),
				import('lib0/decoding'),
				import('./collab-durability')
			]);
		// Left before the modules arrived: nothing to start.
		if (this.doc !== doc) return;
		// Before IndexedDB and the provider: every local edit is counted before it is sent.
		const unsaved = holdWhileUnsaved(this.documentId, (state: DurabilityState) => {
			this.durability = state;
		});
		const durability = createDurabilityTracker(doc, unsaved.onChange);
		this.stop.push(() => {
			durability.destroy();
			unsaved.release();
		});
		this.local = new IndexeddbPersistence(`palabre-doc-${this.documentId}`, doc);
		this.local.once('synced', () => this.markLoaded());
		const origin = location.origin.replace(/^http/, 'ws');
		const provider = (this.provider = new WebsocketProvider(
			`${origin}/collab`,
			this.documentId,
			doc,
			{ maxBackoffTime: 5_000, WebSocketPolyfill: durability.WebSocket, params: COLLAB_PARAMS }
		));
		durability.attach(provider);
		provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
			try {
				const subType = decoding.readVarUint(decoder);
				const detail = decoding.readVarString(decoder);
				if (subType === 0) {
					this.denied = detail || 'read_only';
					durability.denied();
				} else if (subType === 1) {
					this.denied = null;
					durability.granted();
				}
			} catch {
				// an unreadable notice changes nothing
			}
		};
		provider.on('status', ({ status }) => {
			this.status = status;
			if (status === 'connected') this.everConnected = true;
		});
		provider.on('sync', (synced: boolean) => synced && this.markLoaded());
		provider.on('connection-close', (event) => {
			reportCollabClose(event);
			if (event && event.code >= 4400 && event.code < 4500) {
				this.closedCode = event.code;
				this.closedReason = event.reason;
			}
		});
		provider.awareness.setLocalStateField('user', this.user);
		// Someone started editing before the providers were there: tell the others now.
		if (this.editingAction !== null)
			provider.awareness.setLocalStateField('action', this.editingAction);
		const awareness = provider.awareness;
		const publish = () => {
			const editors: { name: string; color: string; actionId: string }[] = [];
			for (const [clientId, state] of awareness.getStates()) {
				if (clientId === doc.clientID) continue;
				const { user, action } = state as {
					user?: { name?: unknown; color?: unknown };
					action?: unknown;
				};
				if (typeof user?.name !== 'string' || typeof action !== 'string') continue;
				editors.push({
					name: user.name,
					color: typeof user.color === 'string' ? user.color : '#555555',
					actionId: action
				});
			}
			// Our own changes (focusing a field, often while the template mounts it) leave the
			// others' list as it was: no state write then, which Svelte forbids in that phase.
			const same =
				editors.length === this.editors.length &&
				editors.every((editor, i) => {
					const before = this.editors[i];
					return (
						editor.name === before.name &&
						editor.color === before.color &&
						editor.actionId === before.actionId
					);
				});
			if (!same) this.editors = editors;
		};
		awareness.on('change', publish);
		this.stop.push(() => awareness.off('change', publish));

		const track = () => (this.browserOnline = navigator.onLine);
		window.addEventListener('online', track);
		window.addEventListener('offline', track);
		this.stop.push(() => {
			window.removeEventListener('online', track);
			window.removeEventListener('offline', track);
		});
	}

	/** Tells the others which action this person is editing (null: none). */
	editing(actionId: string | null) {
		this.editingAction = actionId;
		this.provider?.awareness.setLocalStateField('action', actionId);
	}

	editorsOf(actionId: string) {
		return this.editors.filter((editor) => editor.actionId === actionId);
	}

	private markLoaded() {
		if (!this.loaded) {
			this.loaded = true;
			this.refresh();
		}
	}

	private refresh(limit = Infinity) {
		if (!this.doc) return;
		const actions = actionsOf(this.doc);
		this.partial = limit < actions.length;
		// A local scratch set, never read reactively.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const seen = new Set<string>();
		const rows: PlanRow[] = [];
		(this.partial ? actions.slice(0, limit) : actions.toArray()).forEach((map, position) => {
			if (!(map instanceof Y.Map)) return;
			let row = this.cache.get(map);
			if (!row || row.position !== position) {
				const action = readActionWith(map, this.currency, fragmentLines);
				if (!action) return;
				const rawBudget = map.get('budget');
				row = {
					position,
					action,
					rawBudget,
					problems: validateAction(action, rawBudget),
					map
				};
				this.cache.set(map, row);
			}
			if (seen.has(row.action.id)) return;
			seen.add(row.action.id);
			rows.push(row);
		});
		this.rows = rows;
	}

	private find(id: string): { map: Y.Map<unknown>; index: number } | null {
		if (!this.doc) return null;
		const list = actionsOf(this.doc).toArray();
		const index = list.findIndex((map) => map instanceof Y.Map && map.get('id') === id);
		return index < 0 ? null : { map: list[index], index };
	}

	private transact(change: () => void) {
		this.doc?.transact(change, this.origin);
	}

	/** A new empty action at the end (or after `afterId`); returns its id. */
	add(afterId?: string): string {
		const id = newActionId();
		this.transact(() => {
			const actions = actionsOf(this.doc!);
			const after = afterId ? this.find(afterId) : null;
			const map = newActionMap({ id, currency: this.currency });
			if (after) actions.insert(after.index + 1, [map]);
			else actions.push([map]);
		});
		return id;
	}

	/** A copy (all fields, description included) right after the original. */
	duplicate(id: string): string | null {
		const found = this.find(id);
		if (!found) return null;
		const copyId = newActionId();
		this.transact(() => {
			const copy = found.map.clone() as Y.Map<unknown>;
			copy.set('id', copyId);
			actionsOf(this.doc!).insert(found.index + 1, [copy]);
		});
		return copyId;
	}

	remove(id: string) {
		const found = this.find(id);
		if (found) this.transact(() => actionsOf(this.doc!).delete(found.index, 1));
	}

	/**
	 * Moves an action up or down. Yjs has no move: the action is copied to its new place and the
	 * original deleted in one transaction; an edit someone makes to that action at the same instant
	 * lands on the deleted copy and is lost (rare: reordering is a facilitator's gesture).
	 */
	move(id: string, by: -1 | 1) {
		const found = this.find(id);
		if (!found || !this.doc) return;
		const actions = actionsOf(this.doc);
		const to = found.index + by;
		if (to < 0 || to >= actions.length) return;
		this.transact(() => {
			const copy = found.map.clone() as Y.Map<unknown>;
			actions.delete(found.index, 1);
			actions.insert(to, [copy]);
		});
	}

	/** A plain field (dates, axis, priority, status). */
	set(id: string, field: 'start' | 'deadline' | 'axis' | 'priority' | 'status', value: string) {
		const found = this.find(id);
		if (found && found.map.get(field) !== value) this.transact(() => found.map.set(field, value));
	}

	/** Keeps what was typed: an integer when it reads as one, the text itself otherwise. */
	setBudget(id: string, typed: string) {
		const found = this.find(id);
		if (!found) return;
		const parsed = parseBudget(typed);
		this.transact(() => {
			if (parsed.ok && parsed.value === null) found.map.delete('budget');
			else found.map.set('budget', parsed.ok ? parsed.value : typed);
		});
	}

	/** The Y.Text behind a free-text field, created if an older client left it out. */
	text(id: string, field: ActionField): Y.Text | null {
		const found = this.find(id);
		if (!found) return null;
		const value = found.map.get(field);
		if (value instanceof Y.Text) return value;
		const text = new Y.Text(typeof value === 'string' ? value : '');
		this.transact(() => found.map.set(field, text));
		return text;
	}

	description(id: string): Y.XmlFragment | null {
		const found = this.find(id);
		if (!found) return null;
		const value = found.map.get('description');
		if (value instanceof Y.XmlFragment) return value;
		const fragment = new Y.XmlFragment();
		this.transact(() => found.map.set('description', fragment));
		return fragment;
	}

	destroy() {
		for (const stop of this.stop.splice(0)) stop();
		this.provider?.destroy();
		void this.local?.destroy();
		this.doc?.destroy();
		this.doc = null;
	}
}
