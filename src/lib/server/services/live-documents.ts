// The documents service's window on the live Y.Docs. The /collab layer (server/collab-route.ts)
// attaches its registry here once it exists; until then (a CLI, a test without a server) live
// operations fail with `internal` rather than writing behind the registry's back.
import type * as Y from 'yjs';
import { ServiceError } from './service-error';

export interface LiveDocumentSource {
	/** The loaded document; do not keep it past the current task (it is unloaded when idle). */
	getDoc(docId: string): Promise<Y.Doc>;
	/** One server transaction on the live document: persisted and sent to every client. */
	editDoc(docId: string, edit: (doc: Y.Doc) => void): Promise<void>;
	/** Immediate read-only for every connection (`'locked'`), or null to lift it. */
	setReadOnly(docId: string, reason: 'locked' | null): void;
	/** Roles, grants or locks changed: re-check every connection of the document now. */
	accessChanged(docId: string): Promise<void>;
	/** Members of a workshop changed role or left: re-check (or drop) their connections. */
	memberChanged(userId: string, docIds: string[], removed: boolean): Promise<void>;
}

export function createLiveDocumentsPort() {
	let source: LiveDocumentSource | null = null;
	const live = (): LiveDocumentSource => {
		if (!source) throw new ServiceError('internal');
		return source;
	};
	return {
		attach(impl: LiveDocumentSource) {
			source = impl;
			return () => {
				if (source === impl) source = null;
			};
		},
		isAttached: () => source !== null,
		getDoc: (docId: string) => live().getDoc(docId),
		editDoc: (docId: string, edit: (doc: Y.Doc) => void) => live().editDoc(docId, edit),
		setReadOnly(docId: string, reason: 'locked' | null) {
			source?.setReadOnly(docId, reason);
		},
		async accessChanged(docId: string) {
			await source?.accessChanged(docId);
		},
		async memberChanged(userId: string, docIds: string[], removed: boolean) {
			await source?.memberChanged(userId, docIds, removed);
		}
	};
}

export type LiveDocumentsPort = ReturnType<typeof createLiveDocumentsPort>;
