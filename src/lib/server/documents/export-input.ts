// What every export receives: the document's blocks plus the header facts (workshop, commune,
// date). Built once per request from the live Y.Doc; no export reads the database.
import type { Block } from './document-tree';

export interface ExportInput {
	title: string;
	workshopTitle: string;
	commune: string | null;
	/** Shown as is in headers ("22 novembre 2026"), formatted by the caller in the right locale. */
	dateLabel: string;
	blocks: Block[];
}

/** A safe ASCII file name from a title: accents dropped, spaces to dashes. */
export function fileNameFor(title: string, extension: string): string {
	const base =
		title
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^a-zA-Z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.toLowerCase()
			.slice(0, 80) || 'document';
	return `${base}.${extension}`;
}
