// The plain text of an article's body read straight from its Y children, with each run of text
// (a Y.XmlText) known: where a passage is searched, and where an amended run is swapped in to
// preview the merge. Reads exactly as blocksToLines(readChildren(body)) (document-tree.ts) does —
// tests/unit/charter-doc.test.ts holds the two together. Also finds an article's element by id.
import * as Y from 'yjs';
import { CHARTER_NODES } from '../../domain/charter';
import { blocksToLines, fragmentOf, readChildren, splitArticle } from '../documents/document-tree';

export type Child = Y.XmlElement | Y.XmlText | Y.XmlHook;
/** A replacement text for one run (the amended one), null for the others. */
type Override = (run: Y.XmlText) => string | null;

export interface TextRun {
	text: Y.XmlText;
	value: string;
	/** Child indexes from the body down to the run's block. */
	path: number[];
}

const INLINE_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);
const LISTS = new Set(['bulletList', 'orderedList']);

function runValue(text: Y.XmlText, override?: Override): string {
	const swapped = override?.(text);
	if (swapped != null) return swapped;
	return (text.toDelta() as Array<{ insert?: unknown }>)
		.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
		.join('');
}

function inline(el: Y.XmlElement, override?: Override): string {
	let out = '';
	for (const child of el.toArray()) {
		if (child instanceof Y.XmlText) out += runValue(child, override);
		else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') out += '\n';
		else if (child instanceof Y.XmlElement) out += inline(child, override);
	}
	return out;
}

/** One line per block, list items flattened; a horizontal rule has none. */
export function bodyLines(children: readonly Child[], override?: Override): string[] {
	const lines: string[] = [];
	for (const child of children) {
		if (child instanceof Y.XmlText) lines.push(runValue(child, override));
		else if (!(child instanceof Y.XmlElement)) continue;
		else if (INLINE_BLOCKS.has(child.nodeName)) lines.push(inline(child, override));
		else if (LISTS.has(child.nodeName)) {
			for (const item of child.toArray())
				if (item instanceof Y.XmlElement) lines.push(...bodyLines(item.toArray(), override));
		} else if (child.nodeName === 'horizontalRule') continue;
		else {
			// An unknown container (document-tree keeps its text): an empty one is one empty line.
			lines.push(...(child.length === 0 ? [''] : bodyLines(child.toArray(), override)));
		}
	}
	return lines;
}

/** Every Y.XmlText of the body, in reading order. */
export function textRuns(children: readonly Child[], path: number[] = []): TextRun[] {
	const runs: TextRun[] = [];
	children.forEach((child, index) => {
		if (child instanceof Y.XmlText) runs.push({ text: child, value: runValue(child), path });
		else if (child instanceof Y.XmlElement)
			runs.push(...textRuns(child.toArray(), [...path, index]));
	});
	return runs;
}

export const isArticle = (node: unknown): node is Y.XmlElement =>
	node instanceof Y.XmlElement && node.nodeName === CHARTER_NODES.article;

/** The top-level <charterArticle> elements, in order. */
export function articleElements(doc: Y.Doc): Y.XmlElement[] {
	return fragmentOf(doc).toArray().filter(isArticle);
}

export function findArticle(doc: Y.Doc, articleId: string): Y.XmlElement | null {
	return articleElements(doc).find((el) => el.getAttribute('articleId') === articleId) ?? null;
}

/** An article's children after its title. */
export function bodyOf(article: Y.XmlElement): Child[] {
	return splitArticle(article).slice(1) as Child[];
}

/** The body as plain text, one line per block (as the exports read it). */
export function articleBodyText(doc: Y.Doc, articleId: string): string | null {
	const el = findArticle(doc, articleId);
	return el ? blocksToLines(readChildren(bodyOf(el))).join('\n') : null;
}
