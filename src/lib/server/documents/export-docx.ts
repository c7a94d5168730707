// Word (DOCX) from the block tree with the `docx` package: real heading styles (so Word's outline
// and table of contents work) kept with the text they introduce, Word lists (bulleted, numbered,
// nested), emphasis and links.
import {
	AlignmentType,
	BorderStyle,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	LevelFormat,
	Packer,
	Paragraph,
	TextRun,
	type ParagraphChild
} from 'docx';
import type { Block, Inline } from './document-tree';
import type { ExportInput } from './export-input';

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4,
	HeadingLevel.HEADING_5,
	HeadingLevel.HEADING_6
];
const BULLETS = 'palabre-bullets';
/** Word's nine list levels. */
const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8];
/** Bullets by depth, as Word's own default list: filled, hollow, square. */
const BULLET_SYMBOLS = ['•', '◦', '▪'];
const QUOTE_INDENT = 360;
const QUOTE_RULE = { style: BorderStyle.SINGLE, size: 12, color: 'BBBBBB', space: 8 };
/** Where a list level's text starts, in twentieths of a point: 0.5 inch per level. */
const indentOf = (level: number) => 720 * (level + 1);

export async function exportDocx(input: ExportInput): Promise<Buffer> {
	const subtitle = [input.workshopTitle, input.commune, input.dateLabel]
		.filter(Boolean)
		.join(' · ');
	const lists = new DocxLists();
	const paragraphs: Paragraph[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(input.title)] }),
		new Paragraph({ children: [new TextRun({ text: subtitle, color: '555555', size: 18 })] }),
		...lists.paragraphs(input.blocks)
	];

	const doc = new Document({
		creator: 'Palabre',
		title: input.title,
		numbering: lists.numbering(),
		sections: [{ children: paragraphs }]
	});
	return Packer.toBuffer(doc);
}

/**
 * Block trees as Word paragraphs with real Word lists (numbering definitions, not typed
 * markers): bullets and numbers at the item's nesting level, each numbered list counting from
 * its own start, an item's further paragraphs aligned on its text. One per Word document: pass
 * `numbering()` to the Document once every text went through `paragraphs()` (the workshop report
 * writes several charters with one).
 */
export class DocxLists {
	/** Numbering definitions by start value: a list "from 5" needs levels that start at 5. */
	private readonly starts = new Set<number>([1]);
	/** Each numbered list is its own instance of its definition, so it counts from its start. */
	private instance = 0;
	private headingShift = 0;
	private keepNext = false;

	numbering() {
		const bullets = {
			reference: BULLETS,
			levels: LEVELS.map((level) => ({
				level,
				format: LevelFormat.BULLET,
				text: BULLET_SYMBOLS[level % BULLET_SYMBOLS.length],
				alignment: AlignmentType.START,
				style: { paragraph: { indent: { left: indentOf(level), hanging: 360 } } }
			}))
		};
		const numbered = [...this.starts].map((start) => ({
			reference: numberedReference(start),
			levels: LEVELS.map((level) => ({
				level,
				format: LevelFormat.DECIMAL,
				text: `%${level + 1}.`,
				start,
				alignment: AlignmentType.START,
				style: { paragraph: { indent: { left: indentOf(level), hanging: 360 } } }
			}))
		}));
		return { config: [bullets, ...numbered] };
	}

	/**
	 * `headingShift`: how many levels the text's headings go down (a charter inside the report).
	 * `keepNext`: every paragraph kept with the next, so that a short text stays on one page with
	 * what follows it (Word still breaks a chain longer than a page).
	 */
	paragraphs(blocks: Block[], headingShift = 0, keepNext = false): Paragraph[] {
		const out: Paragraph[] = [];
		this.headingShift = headingShift;
		this.keepNext = keepNext;
		this.walk(blocks, 0, out);
		return out;
	}

	/** `depth`: how many lists enclose these blocks (their text is indented to match). */
	private walk(blocks: Block[], depth: number, out: Paragraph[], quote = false) {
		const left = (depth > 0 ? indentOf(depth - 1) : 0) + (quote ? QUOTE_INDENT : 0);
		// A quotation is set in, with a grey rule on its left, as the editor shows it.
		const indent = {
			...(this.keepNext ? { keepNext: true } : {}),
			...(left > 0 ? { indent: { left } } : {}),
			...(quote ? { border: { left: QUOTE_RULE } } : {})
		};
		for (const block of blocks) {
			switch (block.type) {
				case 'heading':
					// Word's heading styles do not all keep with the next paragraph: said here.
					out.push(
						new Paragraph({
							heading: HEADINGS[Math.min(block.level + this.headingShift, HEADINGS.length - 1)],
							keepNext: true,
							keepLines: true,
							children: runs(block.content),
							...indent
						})
					);
					break;
				case 'paragraph':
					out.push(new Paragraph({ children: runs(block.content), ...indent }));
					break;
				case 'bulletList':
				case 'orderedList':
					this.list(block, depth, out);
					break;
				case 'blockquote':
					this.walk(block.children, depth, out, true);
					break;
				case 'codeBlock':
					out.push(
						new Paragraph({
							children: [new TextRun({ text: block.text, font: 'Courier New' })],
							...indent
						})
					);
					break;
				case 'horizontalRule':
					out.push(new Paragraph({ thematicBreak: true, children: [] }));
					break;
			}
		}
	}

	private list(block: Extract<Block, { items: Block[][] }>, depth: number, out: Paragraph[]) {
		const level = Math.min(depth, LEVELS.length - 1);
		let numbering: { reference: string; level: number; instance?: number };
		if (block.type === 'orderedList') {
			const start = Math.max(0, block.start);
			this.starts.add(start);
			numbering = { reference: numberedReference(start), level, instance: ++this.instance };
		} else numbering = { reference: BULLETS, level };
		for (const item of block.items) {
			const [first, ...rest] = item;
			if (first && (first.type === 'paragraph' || first.type === 'heading'))
				out.push(
					new Paragraph({ children: runs(first.content), numbering, keepNext: this.keepNext })
				);
			else {
				// An item that starts with a nested list still shows its own marker.
				out.push(new Paragraph({ children: [], numbering, keepNext: this.keepNext }));
				if (first) rest.unshift(first);
			}
			this.walk(rest, depth + 1, out);
		}
	}
}

function numberedReference(start: number) {
	return `palabre-numbered-${start}`;
}

function runs(content: Inline[]): ParagraphChild[] {
	return content.map((part) => {
		if ('hardBreak' in part) return new TextRun({ text: '', break: 1 });
		const { marks } = part;
		const run = new TextRun({
			text: part.text,
			bold: marks.bold,
			italics: marks.italic,
			strike: marks.strike,
			underline: marks.underline || marks.link ? {} : undefined,
			font: marks.code ? 'Courier New' : undefined,
			color: marks.link ? '1D4ED8' : undefined
		});
		return marks.link ? new ExternalHyperlink({ link: marks.link, children: [run] }) : run;
	});
}
