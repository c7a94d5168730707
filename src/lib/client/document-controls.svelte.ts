// Runes state of a document's controls: lock and publication (facilitators), versions, one
// version shown read-only, a diff. Talks to the JSON API; the server decides what is allowed.
import { getContext, setContext } from 'svelte';
import type { DiffRow } from '$lib/domain/document-diff';

export interface VersionSummary {
	id: string;
	name: string;
	createdAt: string;
}

interface DocumentFlags {
	locked: boolean;
	published: boolean;
	/** Bytes (see domain/document-size). */
	sizeCap: number;
}

export class DocumentControls {
	locked = $state(false);
	published = $state(false);
	sizeCap = $state(0);
	versions = $state<VersionSummary[]>([]);
	shown = $state<{ version: VersionSummary; html: string } | null>(null);
	diff = $state<{ version: VersionSummary; rows: DiffRow[] } | null>(null);
	pending = $state(false);
	/** A translated message from the server, or null. */
	error = $state<string | null>(null);

	constructor(
		readonly documentId: string,
		flags: DocumentFlags
	) {
		this.locked = flags.locked;
		this.published = flags.published;
		this.sizeCap = flags.sizeCap;
	}

	private get base() {
		return `/api/documents/${this.documentId}`;
	}

	/** Runs one request; a refusal's translated message lands in `error`. */
	private async call<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T | null> {
		this.pending = true;
		this.error = null;
		try {
			const res = await fetch(this.base + path, {
				...init,
				headers: init?.json !== undefined ? { 'content-type': 'application/json' } : undefined,
				body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body
			});
			const body = (await res.json().catch(() => null)) as
				(T & { error?: { message?: string } }) | null;
			if (!res.ok) {
				this.error = body?.error?.message ?? String(res.status);
				return null;
			}
			return body as T;
		} catch {
			this.error = '';
			return null;
		} finally {
			this.pending = false;
		}
	}

	async setLocked(locked: boolean) {
		const flags = await this.call<DocumentFlags>(locked ? '/lock' : '/unlock', { method: 'POST' });
		if (flags) this.locked = flags.locked;
	}

	async setPublished(published: boolean) {
		const flags = await this.call<DocumentFlags>(published ? '/publish' : '/unpublish', {
			method: 'POST'
		});
		if (flags) this.published = flags.published;
	}

	/** Raises the document's size cap (facilitators); editors closed at the old cap reload. */
	async setSizeCap(bytes: number) {
		const flags = await this.call<DocumentFlags>('/size-cap', { method: 'PUT', json: { bytes } });
		if (flags) this.sizeCap = flags.sizeCap;
	}

	async loadVersions() {
		const list = await this.call<VersionSummary[]>('/versions');
		if (list) this.versions = list;
	}

	async saveVersion(name: string): Promise<boolean> {
		const saved = await this.call<VersionSummary>('/versions', { method: 'POST', json: { name } });
		if (saved) this.versions = [saved, ...this.versions];
		return saved !== null;
	}

	async show(version: VersionSummary) {
		this.diff = null;
		const found = await this.call<{ html: string }>(`/versions/${version.id}`);
		if (found) this.shown = { version, html: found.html };
	}

	async compare(version: VersionSummary) {
		this.shown = null;
		const found = await this.call<{ rows: DiffRow[] }>(`/diff?from=${version.id}&to=current`);
		if (found) this.diff = { version, rows: found.rows };
	}

	async restore(version: VersionSummary) {
		const done = await this.call(`/versions/${version.id}/restore`, { method: 'POST' });
		if (done) this.shown = this.diff = null;
	}

	close() {
		this.shown = this.diff = null;
	}

	exportUrl(format: string) {
		return `${this.base}/export?format=${format}`;
	}
}

const KEY = Symbol('document-controls');
export const provideDocumentControls = (controls: DocumentControls) => setContext(KEY, controls);
export const useDocumentControls = () => getContext<DocumentControls>(KEY);
