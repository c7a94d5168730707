// How large a co-edited document may grow (its encoded Yjs state), per kind. Every phone that
// opens a document downloads all of it, and the server holds it in memory: one participant once
// pasted 18 MB into a charter. The facilitator may raise the cap of one document, up to a ceiling.
import type { DocumentKind } from './documents';

const MiB = 1024 * 1024;

/** Defaults, generous for the text a workshop writes (a 40-article charter with its history is ~300 KB). */
export const DOCUMENT_SIZE_CAP_BYTES: Record<DocumentKind, number> = {
	charter: 2 * MiB,
	notes: 2 * MiB,
	action_plan: 2 * MiB,
	idea_wall: 4 * MiB
};

/** No document goes beyond this, whatever the facilitator asks (memory, phones' data plans). */
export const DOCUMENT_SIZE_CAP_CEILING = 32 * MiB;

/** The cap in force: the document's own (raised) cap, else its kind's default. */
export function documentSizeCap(document: {
	kind: DocumentKind;
	sizeCapBytes: number | null;
}): number {
	return document.sizeCapBytes ?? DOCUMENT_SIZE_CAP_BYTES[document.kind];
}
