// What changed between two versions of a document, line by line with each line's kind (heading,
// paragraph, list item), so that the diff view sets headings as headings and items as items. The
// words are compared across the whole text (a sentence moved to the next paragraph stays one
// change); the result is then cut back into lines, each taking the kind of the line it shows.
import { diffWords, type DiffOp, type DiffPart } from './word-diff';

export type LineKind =
	| { type: 'heading'; level: number }
	| { type: 'paragraph' }
	/** `depth` 0 for a top-level list; `marker` a bullet or the item's number. */
	| { type: 'item'; depth: number; marker: 'bullet' | number }
	| { type: 'code' };

export interface DocumentLine {
	kind: LineKind;
	text: string;
}

export interface DiffRow {
	kind: LineKind;
	parts: DiffPart[];
}

const PARAGRAPH: LineKind = { type: 'paragraph' };

export function diffLines(before: DocumentLine[], after: DocumentLine[]): DiffRow[] {
	const parts = diffWords(
		before.map((line) => line.text).join('\n'),
		after.map((line) => line.text).join('\n')
	);
	const rows: DiffRow[] = [];
	// Line indexes in each version where the current row starts.
	let inBefore = 0;
	let inAfter = 0;
	let row: DiffPart[] = [];
	let start = { before: 0, after: 0 };
	const finish = () => {
		if (row.length === 0) return;
		// A row with text of the new version shows that line's kind; a wholly removed one, the old.
		const kind = row.some((part) => part.op !== 'removed')
			? after[start.after]?.kind
			: before[start.before]?.kind;
		rows.push({ kind: kind ?? PARAGRAPH, parts: row });
		row = [];
	};
	const newline = (op: DiffOp) => {
		finish();
		if (op !== 'added') inBefore++;
		if (op !== 'removed') inAfter++;
		start = { before: inBefore, after: inAfter };
	};
	for (const part of parts) {
		part.text.split('\n').forEach((piece, i) => {
			if (i > 0) newline(part.op);
			if (piece) row.push({ op: part.op, text: piece });
		});
	}
	finish();
	return rows;
}
