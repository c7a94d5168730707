// Runes state of a workshop's document list and its creation form (facilitators). The server
// validates and decides; this only carries the answers and their translated errors.
import type { DocumentKind } from '$lib/domain/documents';

export interface DocumentSummary {
	id: string;
	kind: DocumentKind;
	title: string;
	locked: boolean;
	published: boolean;
}

export class WorkshopDocuments {
	items = $state<DocumentSummary[]>([]);
	loaded = $state(false);
	pending = $state(false);
	error = $state<string | null>(null);

	constructor(readonly workshopId: string) {}

	private get url() {
		return `/api/workshops/${this.workshopId}/documents`;
	}

	async load() {
		try {
			const res = await fetch(this.url);
			if (!res.ok) throw new Error(String(res.status));
			this.items = (await res.json()) as DocumentSummary[];
			this.error = null;
		} catch {
			this.error = '';
		} finally {
			this.loaded = true;
		}
	}

	/** Returns the new document's id, or null with `error` set (a translated message, or ''). */
	async create(input: { kind: DocumentKind; title: string; template?: 'charter' }) {
		this.pending = true;
		this.error = null;
		try {
			const res = await fetch(this.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(input)
			});
			const body = (await res.json()) as DocumentSummary & { error?: { message: string } };
			if (!res.ok) {
				this.error = body.error?.message ?? '';
				return null;
			}
			this.items = [...this.items, body];
			return body.id;
		} catch {
			this.error = '';
			return null;
		} finally {
			this.pending = false;
		}
	}
}
