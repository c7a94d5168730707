// Runes state of one co-edited document page: connection, read-only reason, who is here, and the
// toolbar's view of the editor. The engine (Tiptap + Yjs) is imported only by `start()`, so the
// page's first paint and every other page stay light. Handed out through context.
import { getContext, setContext } from 'svelte';
import type {
	CollabEditorHandle,
	ConnectionStatus,
	DurabilityState,
	Person,
	ToolbarCommand
} from './collab-editor';

export type { Person, ToolbarCommand };

export class DocumentEditor {
	status = $state<ConnectionStatus>('connecting');
	everConnected = $state(false);
	/** The browser's own view of the network; a page opened offline never gets 'disconnected'. */
	browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	/** The server's reason for read-only (`locked`, `read_only`), null when writable. */
	denied = $state<string | null>(null);
	/** A permanent refusal's close code (4401, 4403, 4404…) and reason (`document_too_large`…). */
	closedCode = $state<number | null>(null);
	closedReason = $state('');
	/** Whether our edits are confirmed stored by the server (the badge says *Enregistré* only then). */
	durability = $state<DurabilityState>({ pending: false, storageDelayed: false });
	people = $state<Person[]>([]);
	phase = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
	/** Bumped by the engine on every transaction, so toolbar states are re-read. */
	private revision = $state(0);
	private handle: CollabEditorHandle | null = null;
	private destroyed = false;
	private stopTracking: (() => void) | null = null;
	private mount: { element: HTMLElement; label: string } | null = null;
	/** How many times the server dropped an edit of ours (charter guard): the page may say so. */
	refusals = $state(0);

	constructor(
		readonly documentId: string,
		readonly user: { name: string; color: string },
		denied: string | null
	) {
		this.denied = denied;
	}

	/** Offline after having been online (or the browser says so): edits wait in IndexedDB. */
	get offline(): boolean {
		if (this.status === 'connected') return false;
		return this.everConnected || this.status === 'disconnected' || !this.browserOnline;
	}

	get writable(): boolean {
		return this.denied === null && this.closedCode === null;
	}

	async start(element: HTMLElement, label: string) {
		if (this.phase !== 'idle') return;
		this.mount = { element, label };
		this.phase = 'loading';
		const track = () => (this.browserOnline = navigator.onLine);
		window.addEventListener('online', track);
		window.addEventListener('offline', track);
		this.stopTracking = () => {
			window.removeEventListener('online', track);
			window.removeEventListener('offline', track);
		};
		try {
			const { startCollabEditor } = await import('./collab-editor');
			if (this.destroyed) return;
			this.handle = startCollabEditor({
				element,
				documentId: this.documentId,
				user: this.user,
				writable: this.denied === null,
				label,
				callbacks: {
					status: (status) => {
						this.status = status;
						if (status === 'connected') this.everConnected = true;
					},
					access: (reason) => (this.denied = reason),
					closed: (code, reason) => {
						this.closedCode = code;
						this.closedReason = reason;
					},
					durability: (state) => (this.durability = state),
					people: (people) => (this.people = people),
					changed: () => this.revision++,
					refused: () => void this.restart()
				}
			});
			this.phase = 'ready';
		} catch (error) {
			console.error('[editor] failed to start', error);
			this.phase = 'failed';
		}
	}

	/** A refused edit poisons our replica: drop it (IndexedDB too) and start again from the server. */
	private async restart() {
		const handle = this.handle;
		if (!handle || !this.mount) return;
		this.handle = null;
		this.refusals++;
		await handle.forget();
		if (this.destroyed) return;
		this.phase = 'idle';
		await this.start(this.mount.element, this.mount.label);
	}

	isActive(command: ToolbarCommand): boolean {
		void this.revision;
		return this.handle?.isActive(command) ?? false;
	}

	can(command: ToolbarCommand): boolean {
		void this.revision;
		return this.writable && (this.handle?.can(command) ?? false);
	}

	run(command: ToolbarCommand, href?: string) {
		this.handle?.run(command, href);
	}

	currentLink(): string {
		return this.handle?.currentLink() ?? '';
	}

	destroy() {
		this.destroyed = true;
		this.stopTracking?.();
		this.handle?.destroy();
		this.handle = null;
	}
}

const KEY = Symbol('document-editor');
export const provideDocumentEditor = (editor: DocumentEditor) => setContext(KEY, editor);
export const useDocumentEditor = () => getContext<DocumentEditor>(KEY);
