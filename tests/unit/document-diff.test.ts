// The diff view's rows: the words compared across the text, then set back line by line, each
// line with its kind (heading, paragraph, list item) so that the view can set it as such.
import { describe, expect, it } from 'vitest';
import { diffLines, type DocumentLine, type LineKind } from '../../src/lib/domain/document-diff';
import { blocksToDiffLines } from '../../src/lib/server/documents/document-tree';
import { bullets, h, numbered, p } from '../helpers/document-fixtures';

const heading = (level: number, text: string): DocumentLine => ({
	kind: { type: 'heading', level },
	text
});
const para = (text: string): DocumentLine => ({ kind: { type: 'paragraph' }, text });
const item = (marker: 'bullet' | number, text: string, depth = 0): DocumentLine => ({
	kind: { type: 'item', depth, marker },
	text
});

describe('the version diff, line by line', () => {
	it('keeps a changed heading a heading, with the old words struck and the new ones added', () => {
		const rows = diffLines(
			[heading(2, 'Article 1 — Objet'), para('La charte fixe les engagements.')],
			[heading(2, 'Article 1 — Objet de la charte'), para('La charte fixe les engagements.')]
		);
		expect(rows).toEqual([
			{
				kind: { type: 'heading', level: 2 },
				parts: [
					{ op: 'equal', text: 'Article 1 — Objet' },
					{ op: 'added', text: ' de la charte' }
				]
			},
			{
				kind: { type: 'paragraph' },
				parts: [{ op: 'equal', text: 'La charte fixe les engagements.' }]
			}
		]);
	});

	it('shows a removed heading as the heading it was, and an added item as an item', () => {
		const rows = diffLines(
			[heading(2, 'Préambule'), item(1, 'Proposer.')],
			[item(1, 'Proposer.'), item(2, 'Voter.')]
		);
		expect(rows.map((row) => [row.kind.type, row.parts.map((part) => part.op)])).toEqual([
			['heading', ['removed']],
			['item', ['equal']],
			['item', ['added']]
		]);
		expect(rows[2].kind).toEqual({ type: 'item', depth: 0, marker: 2 });
	});

	it('reads list items with their depth and their number from the block tree', () => {
		const lines = blocksToDiffLines([
			h(2, 'Article 2'),
			bullets([p('Être informé.'), numbered(3, [p('Proposer.')], [p('Voter.')])])
		]);
		const kinds: LineKind[] = lines.map((line) => line.kind);
		expect(kinds).toEqual([
			{ type: 'heading', level: 2 },
			{ type: 'item', depth: 0, marker: 'bullet' },
			{ type: 'item', depth: 1, marker: 3 },
			{ type: 'item', depth: 1, marker: 4 }
		]);
	});

	it('gives nothing to show when the texts are the same', () => {
		const lines = [heading(1, 'Charte'), para('Texte.')];
		const rows = diffLines(lines, lines);
		expect(rows.every((row) => row.parts.every((part) => part.op === 'equal'))).toBe(true);
		expect(rows.map((row) => row.kind.type)).toEqual(['heading', 'paragraph']);
	});
});
