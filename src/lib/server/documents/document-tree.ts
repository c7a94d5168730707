// Reads the Tiptap fragment of a Y.Doc (`getXmlFragment('default')`, y-prosemirror layout) into a
// small block tree that every export walks. Unknown nodes keep their text as paragraphs, so a
// newer editor extension degrades to plain text instead of vanishing from an export.
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../domain/documents';
import type { DocumentLine } from '../../domain/document-diff';
import type { Block, Inline, Marks } from '../../domain/document-blocks';
import { articleHeading, CHARTER_NODES } from '../../domain/charter';

// The types moved to the domain (the consolidated charter carries blocks); every import stays valid.
export type { Block, Inline, Marks };

export function fragmentOf(doc: Y.Doc): Y.XmlFragment {
	return doc.getXmlFragment(DOCUMENT_FRAGMENT);
}

export function readBlocks(fragment: Y.XmlFragment | Y.XmlElement): Block[] {
	return readChildren(fragment.toArray());
}

/**
 * Blocks of a list of Y children. A charter article reads as its heading
 * "Article N — Title" (level 2; the préambule under its own title) followed by its body, so every
 * export, the versions diff and the report read a structured charter as they read a free one.
 */
export function readChildren(
	children: ReadonlyArray<Y.XmlElement | Y.XmlText | Y.XmlHook>
): Block[] {
	const blocks: Block[] = [];
	let articles = 0;
	for (const child of children) {
		if (child instanceof Y.XmlElement && child.nodeName === CHARTER_NODES.article) {
			const preamble = child.getAttribute('role') === 'preamble';
			const number = preamble ? null : ++articles;
			const [title, ...body] = splitArticle(child);
			blocks.push({
				type: 'heading',
				level: 2,
				content: [{ text: articleHeading(number, title), marks: {} }]
			});
			blocks.push(...readChildren(body));
		} else if (child instanceof Y.XmlElement) blocks.push(...readElement(child));
		else if (child instanceof Y.XmlText)
			blocks.push({ type: 'paragraph', content: readText(child) });
	}
	return blocks;
}

/** An article element as [its title's plain text, ...its body children]. */
export function splitArticle(
	article: Y.XmlElement
): [string, ...Array<Y.XmlElement | Y.XmlText | Y.XmlHook>] {
	let title = '';
	const body: Array<Y.XmlElement | Y.XmlText | Y.XmlHook> = [];
	for (const child of article.toArray()) {
		if (child instanceof Y.XmlElement && child.nodeName === CHARTER_NODES.title)
			title += plainText(readInline(child));
		else body.push(child);
	}
	return [title, ...body];
}

function readElement(el: Y.XmlElement): Block[] {
	switch (el.nodeName) {
		case 'paragraph':
			return [{ type: 'paragraph', content: readInline(el) }];
		case 'heading': {
			const level = Number(el.getAttribute('level'));
			return [
				{
					type: 'heading',
					level: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1,
					content: readInline(el)
				}
			];
		}
		case 'bulletList':
		case 'orderedList': {
			const start = Number(el.getAttribute('start') ?? 1);
			const items = el
				.toArray()
				.filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
				.map((item) => readBlocks(item));
			return [{ type: el.nodeName, start: Number.isInteger(start) ? start : 1, items }];
		}
		case 'blockquote':
			return [{ type: 'blockquote', children: readBlocks(el) }];
		case 'codeBlock':
			return [{ type: 'codeBlock', text: plainText(readInline(el)) }];
		case 'horizontalRule':
			return [{ type: 'horizontalRule' }];
		default: {
			// A container we do not know (a future extension): keep what it says.
			const inner = readBlocks(el);
			return inner.length > 0 ? inner : [{ type: 'paragraph', content: readInline(el) }];
		}
	}
}

function readInline(el: Y.XmlElement): Inline[] {
	const out: Inline[] = [];
	for (const child of el.toArray()) {
		if (child instanceof Y.XmlText) out.push(...readText(child));
		else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak')
			out.push({ hardBreak: true });
		else if (child instanceof Y.XmlElement) out.push(...readInline(child));
	}
	return out;
}

type Delta = Array<{ insert?: unknown; attributes?: Record<string, unknown> }>;

function readText(text: Y.XmlText): Inline[] {
	const out: Inline[] = [];
	for (const op of text.toDelta() as Delta) {
		if (typeof op.insert !== 'string' || op.insert === '') continue;
		out.push({ text: op.insert, marks: readMarks(op.attributes ?? {}) });
	}
	return out;
}

function readMarks(attributes: Record<string, unknown>): Marks {
	const marks: Marks = {};
	for (const [key, value] of Object.entries(attributes)) {
		// y-prosemirror names overlapping marks `name--hash`.
		const name = key.split('--')[0];
		if (name === 'bold' || name === 'italic' || name === 'strike' || name === 'code') {
			marks[name] = true;
		} else if (name === 'underline') {
			marks.underline = true;
		} else if (name === 'link') {
			const href = (value as { href?: unknown } | null)?.href;
			if (typeof href === 'string' && isSafeHref(href)) marks.link = href;
		}
	}
	return marks;
}

export function isSafeHref(href: string): boolean {
	return /^(https?:|mailto:)/i.test(href.trim());
}

export function plainText(content: Inline[]): string {
	return content.map((part) => ('hardBreak' in part ? '\n' : part.text)).join('');
}

/** One line per block (list items flattened), with what kind of line it is: what versions are diffed on. */
export function blocksToDiffLines(blocks: Block[], depth = 0): DocumentLine[] {
	const lines: DocumentLine[] = [];
	for (const block of blocks) {
		switch (block.type) {
			case 'heading':
				lines.push({
					kind: { type: 'heading', level: block.level },
					text: plainText(block.content)
				});
				break;
			case 'paragraph':
				lines.push({ kind: { type: 'paragraph' }, text: plainText(block.content) });
				break;
			case 'bulletList':
			case 'orderedList':
				block.items.forEach((item, i) => {
					const inner = blocksToDiffLines(item, depth + 1);
					// The item's first line carries its marker; its other lines are its own blocks.
					const [first] = inner;
					if (first && first.kind.type !== 'item')
						first.kind = {
							type: 'item',
							depth,
							marker: block.type === 'orderedList' ? block.start + i : 'bullet'
						};
					lines.push(...inner);
				});
				break;
			case 'blockquote':
				lines.push(...blocksToDiffLines(block.children, depth));
				break;
			case 'codeBlock':
				lines.push({ kind: { type: 'code' }, text: block.text });
				break;
			case 'horizontalRule':
				break;
		}
	}
	return lines;
}

/** One line per block (list items flattened). */
export function blocksToLines(blocks: Block[]): string[] {
	return blocksToDiffLines(blocks).map((line) => line.text);
}

/** The first heading's text, or the first line: a name for files and PDF titles. */
export function firstLine(blocks: Block[]): string {
	return blocksToLines(blocks).find((line) => line.trim() !== '') ?? '';
}
