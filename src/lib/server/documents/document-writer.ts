// Writes blocks into a Tiptap fragment the way y-prosemirror would (node names, number attributes,
// marks as text formats), so a server-made text (a template) opens in the editor like typed text.
import * as Y from 'yjs';
import type { Block, Inline, Marks } from './document-tree';

export function appendBlocks(fragment: Y.XmlFragment | Y.XmlElement, blocks: Block[]) {
	fragment.insert(fragment.length, blockElements(blocks));
}

/** The blocks as new Y elements, for a parent not yet in a document (whose length Yjs won't read). */
export function blockElements(blocks: Block[]): Y.XmlElement[] {
	return blocks.map(toElement);
}

function toElement(block: Block): Y.XmlElement {
	switch (block.type) {
		case 'heading': {
			const el = new Y.XmlElement('heading');
			// A number, as Tiptap's heading stores it: a string "2" would render as the default level.
			el.setAttribute('level', block.level as unknown as string);
			el.insert(0, inline(block.content));
			return el;
		}
		case 'paragraph': {
			const el = new Y.XmlElement('paragraph');
			el.insert(0, inline(block.content));
			return el;
		}
		case 'bulletList':
		case 'orderedList': {
			const el = new Y.XmlElement(block.type);
			if (block.type === 'orderedList') el.setAttribute('start', block.start as unknown as string);
			el.insert(
				0,
				block.items.map((children) => {
					const item = new Y.XmlElement('listItem');
					item.insert(0, children.map(toElement));
					return item;
				})
			);
			return el;
		}
		case 'blockquote': {
			const el = new Y.XmlElement('blockquote');
			el.insert(0, block.children.map(toElement));
			return el;
		}
		case 'codeBlock': {
			const el = new Y.XmlElement('codeBlock');
			el.insert(0, [textNode([{ text: block.text, marks: {} }])]);
			return el;
		}
		case 'horizontalRule':
			return new Y.XmlElement('horizontalRule');
	}
}

function inline(content: Inline[]): Array<Y.XmlText | Y.XmlElement> {
	const out: Array<Y.XmlText | Y.XmlElement> = [];
	let run: Array<{ text: string; marks: Marks }> = [];
	for (const part of content) {
		if ('hardBreak' in part) {
			if (run.length) out.push(textNode(run));
			run = [];
			out.push(new Y.XmlElement('hardBreak'));
		} else run.push(part);
	}
	if (run.length) out.push(textNode(run));
	return out;
}

function textNode(parts: Array<{ text: string; marks: Marks }>): Y.XmlText {
	const text = new Y.XmlText();
	text.applyDelta(parts.map((part) => ({ insert: part.text, attributes: formats(part.marks) })));
	return text;
}

function formats(marks: Marks): Record<string, object> | undefined {
	const out: Record<string, object> = {};
	if (marks.bold) out.bold = {};
	if (marks.italic) out.italic = {};
	if (marks.strike) out.strike = {};
	if (marks.code) out.code = {};
	if (marks.underline) out.underline = {};
	if (marks.link)
		out.link = {
			href: marks.link,
			target: '_blank',
			rel: 'noopener noreferrer nofollow',
			class: null
		};
	return Object.keys(out).length > 0 ? out : undefined;
}
