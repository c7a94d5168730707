// The co-editing engine, loaded with `await import()` only when a document page starts editing:
// Tiptap 3 + Yjs + y-websocket + y-indexeddb weigh ~160 KB gz and no other page may pay for them.
// It owns the Y.Doc, the provider and the editor; the page's runes state (document-editor.svelte.ts)
// only hears callbacks, so nothing reactive reaches into ProseMirror.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { DOCUMENT_FRAGMENT } from '$lib/domain/documents';
import { createDurabilityTracker, type DurabilityState } from './collab-durability';
import { ArticleTitle, CharterArticle } from './charter-nodes';
import { COLLAB_PARAMS, holdWhileUnsaved, reportCollabClose } from './protocol-status.svelte';

export type { DurabilityState };

/** y-websocket message type 2 (auth); sub-type 0 = permission denied, 1 = Palabre's "granted". */
const MESSAGE_AUTH = 2;
/** One update of ours dropped by the charter guard (server/collab/protocol.ts `RefusalReason`). */
const CHARTER_REFUSALS = new Set(['charter_locked', 'charter_rules']);

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
export type ToolbarCommand =
	| 'paragraph'
	| 'h2'
	| 'h3'
	| 'bold'
	| 'italic'
	| 'bulletList'
	| 'orderedList'
	| 'link'
	| 'undo'
	| 'redo'
	/** A new draft charter article after the current one (charter-nodes.ts). */
	| 'article';
export interface Person {
	clientId: number;
	name: string;
	color: string;
	self: boolean;
}

export interface EditorCallbacks {
	status(status: ConnectionStatus): void;
	/** `reason` is the server's code (`locked`, `read_only`), null when writing is allowed. */
	access(reason: string | null): void;
	/**
	 * A permanent refusal (4401 session gone, 4403 removed, 4404 deleted, 4413 too large…): no
	 * reconnection. `reason` is the server's code (close-codes.ts), e.g. `document_too_large`.
	 */
	closed(code: number, reason: string): void;
	/** Whether our edits are confirmed stored, and whether the server's storage lags. */
	durability(state: DurabilityState): void;
	people(people: Person[]): void;
	/** The selection or content moved: toolbar states may have changed. */
	changed(): void;
	/**
	 * The server dropped one edit of ours (it touched an adopted article). Our replica now holds
	 * what the server never will, and every later edit builds on it: the caller forgets this
	 * editor (`forget()`) and starts a fresh one from the server's text.
	 */
	refused(): void;
}

export interface CollabEditorHandle {
	isActive(command: ToolbarCommand): boolean;
	can(command: ToolbarCommand): boolean;
	run(command: ToolbarCommand, href?: string): void;
	/** The link under the cursor, to prefill the link prompt. */
	currentLink(): string;
	destroy(): void;
	/** destroy(), and the copy kept in IndexedDB dropped too. */
	forget(): Promise<void>;
}

export function startCollabEditor(options: {
	element: HTMLElement;
	documentId: string;
	user: { name: string; color: string };
	writable: boolean;
	/** The text box's accessible name (the editable element is what screen readers announce). */
	label: string;
	callbacks: EditorCallbacks;
}): CollabEditorHandle {
	const { documentId, callbacks } = options;
	const doc = new Y.Doc();
	// Before IndexedDB and the provider: every local edit is counted before it is sent.
	const unsaved = holdWhileUnsaved(documentId, callbacks.durability);
	const durability = createDurabilityTracker(doc, unsaved.onChange);
	// Kept in the browser: the text is there when the page is reloaded offline, merged on reconnect.
	const local = new IndexeddbPersistence(`palabre-doc-${documentId}`, doc);
	const origin = location.origin.replace(/^http/, 'ws');
	const provider = new WebsocketProvider(`${origin}/collab`, documentId, doc, {
		maxBackoffTime: 5_000,
		WebSocketPolyfill: durability.WebSocket,
		params: COLLAB_PARAMS
	});
	durability.attach(provider);
	let denied: string | null = options.writable ? null : 'read_only';

	provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
		try {
			const subType = decoding.readVarUint(decoder);
			const detail = decoding.readVarString(decoder);
			if (subType === 0 && CHARTER_REFUSALS.has(detail)) return void callbacks.refused();
			if (subType === 0) denied = detail || 'read_only';
			else if (subType === 1) denied = null;
			else return;
			if (denied === null) durability.granted();
			else durability.denied();
		} catch {
			return; // an unreadable notice changes nothing
		}
		editor.setEditable(denied === null);
		callbacks.access(denied);
	};
	provider.on('status', ({ status }) => callbacks.status(status));
	provider.on('connection-close', (event) => {
		reportCollabClose(event);
		if (event && event.code >= 4400 && event.code < 4500)
			callbacks.closed(event.code, event.reason);
	});

	const editor = new Editor({
		element: options.element,
		editable: denied === null,
		extensions: [
			// Yjs' undo manager (from Collaboration) replaces ProseMirror's: undo only undoes one's own edits.
			StarterKit.configure({
				undoRedo: false,
				link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] }
			}),
			// In every document: y-prosemirror deletes the Y elements its schema cannot parse.
			CharterArticle,
			ArticleTitle,
			Collaboration.configure({ fragment: doc.getXmlFragment(DOCUMENT_FRAGMENT) }),
			CollaborationCaret.configure({ provider, user: options.user })
		],
		editorProps: { attributes: { 'aria-label': options.label, 'aria-multiline': 'true' } },
		onSelectionUpdate: () => callbacks.changed(),
		onTransaction: () => callbacks.changed()
	});

	const awareness = provider.awareness;
	const publishPeople = () => {
		const seen = new Set<string>();
		const people: Person[] = [];
		for (const [clientId, state] of awareness.getStates()) {
			const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
			if (typeof user?.name !== 'string') continue;
			// One person with two tabs is one person in the list.
			const key = `${user.name}|${user.color}`;
			if (seen.has(key)) continue;
			seen.add(key);
			people.push({
				clientId,
				name: user.name,
				color: typeof user.color === 'string' ? user.color : '#555555',
				self: clientId === doc.clientID
			});
		}
		callbacks.people(people.sort((a, b) => Number(b.self) - Number(a.self)));
	};
	awareness.on('change', publishPeople);
	publishPeople();

	let tornDown = false;
	function teardown() {
		if (tornDown) return;
		tornDown = true;
		awareness.off('change', publishPeople);
		editor.destroy();
		durability.destroy();
		unsaved.release();
		provider.destroy();
		void local.destroy();
		doc.destroy();
	}

	const chain = () => editor.chain().focus();
	return {
		isActive(command) {
			switch (command) {
				case 'h2':
					return editor.isActive('heading', { level: 2 });
				case 'h3':
					return editor.isActive('heading', { level: 3 });
				case 'undo':
				case 'redo':
					return false;
				default:
					return editor.isActive(command);
			}
		},
		can(command) {
			if (!editor.isEditable) return false;
			if (command === 'undo') return editor.can().undo();
			if (command === 'redo') return editor.can().redo();
			return true;
		},
		run(command, href) {
			switch (command) {
				case 'paragraph':
					return void chain().setParagraph().run();
				case 'h2':
					return void chain().toggleHeading({ level: 2 }).run();
				case 'h3':
					return void chain().toggleHeading({ level: 3 }).run();
				case 'bold':
					return void chain().toggleBold().run();
				case 'italic':
					return void chain().toggleItalic().run();
				case 'bulletList':
					return void chain().toggleBulletList().run();
				case 'orderedList':
					return void chain().toggleOrderedList().run();
				case 'link':
					return void (href
						? chain().extendMarkRange('link').setLink({ href }).run()
						: chain().extendMarkRange('link').unsetLink().run());
				case 'undo':
					return void chain().undo().run();
				case 'redo':
					return void chain().redo().run();
				case 'article':
					return void chain().insertCharterArticle().run();
			}
		},
		currentLink: () => String(editor.getAttributes('link').href ?? ''),
		destroy: () => teardown(),
		async forget() {
			provider.destroy();
			await local.clearData();
			teardown();
		}
	};
}
