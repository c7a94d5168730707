// Lays the block tree out in a pdfkit document, as a person would set it: pdfkit flows the text
// (wrapping, cutting words longer than a line, continuing on the next page); this writer only
// decides where each block starts. A heading is kept with the first lines of what follows it, a
// paragraph does not start on the last line of a page, and a list item's marker is drawn on the
// baseline of the item's first line, in a gutter the item's text never enters.
import type { FontStyle } from './pdf-fonts';
import { plainText, type Block, type Inline, type Marks } from './document-tree';
import { atPageTop, contentWidth, ensureRoom, type Fonts, type Pdf } from './pdf-page';

export const BODY_SIZE = 11;
const HEADING_SIZES = [0, 18, 15, 13, 12, 11, 11];
const CODE_SIZE = 10;
/** Bullets by depth, as word processors do: filled, hollow, square. */
const BULLETS = ['•', '◦', '▪'];
const MARKER_GAP = 6;
const MIN_GUTTER = 20;
const QUOTE_INDENT = 18;
/** Lines a block keeps together at its start (and a heading keeps with it). */
const KEEP_LINES = 2;
/** A paragraph this short is kept whole: split, it would leave a line alone on a page. */
const WHOLE_LINES = 4;

/** Where the text goes: its left edge and width. */
interface Box {
	left: number;
	width: number;
}

/**
 * Writes `blocks` from the cursor down, within the page margins (or `box`). `headingShift` moves
 * the text's headings down that many levels, for a text set inside a document that has headings of
 * its own (a charter in the workshop report, under the report's sections). `keepAfter`: the height
 * of what follows the text and must not start a page alone (an article's vote line): a short last
 * paragraph, kept whole anyway, goes over with it.
 */
export function writeBlocks(
	doc: Pdf,
	fonts: Fonts,
	blocks: Block[],
	options: { box?: Box; headingShift?: number; keepAfter?: number } = {}
) {
	const box = options.box ?? { left: doc.page.margins.left, width: contentWidth(doc) };
	const writer = new BlockWriter(doc, fonts, options.headingShift ?? 0);
	writer.blocks(blocks, box, 0, false, options.keepAfter ?? 0);
}

class BlockWriter {
	constructor(
		private readonly doc: Pdf,
		private readonly fonts: Fonts,
		private readonly headingShift: number
	) {}

	private headingSize(level: number) {
		return (
			HEADING_SIZES[Math.min(level + this.headingShift, HEADING_SIZES.length - 1)] ?? BODY_SIZE
		);
	}

	blocks(blocks: Block[], box: Box, depth: number, tight: boolean, keepAfter = 0) {
		blocks.forEach((block, i) =>
			this.block(block, box, depth, tight, blocks[i + 1], i === blocks.length - 1 ? keepAfter : 0)
		);
	}

	private block(
		block: Block,
		box: Box,
		depth: number,
		tight: boolean,
		next?: Block,
		keepAfter = 0
	) {
		const { doc, fonts } = this;
		switch (block.type) {
			case 'heading': {
				const size = this.headingSize(block.level);
				const before = size * 0.6;
				const after = size * 0.3;
				const height = this.inlineHeight(block.content, size, box.width, true);
				// The heading, the room around it and the first lines of the text it introduces.
				const keep = before + height + after + (next ? this.startHeight(next, box) : 0);
				ensureRoom(doc, keep);
				if (!atPageTop(doc)) doc.y += before;
				this.inline(block.content, size, box, true);
				doc.y += after;
				return;
			}
			case 'paragraph': {
				const start = this.startHeight(block, box);
				const whole = start >= this.inlineHeight(block.content, BODY_SIZE, box.width, false);
				// What follows starts after this paragraph's own spacing.
				ensureRoom(doc, start + (whole && keepAfter > 0 ? BODY_SIZE * 0.5 + keepAfter : 0));
				this.inline(block.content, BODY_SIZE, box, false);
				doc.y += tight ? 2 : BODY_SIZE * 0.5;
				return;
			}
			case 'bulletList':
			case 'orderedList':
				this.list(block, box, depth);
				if (!tight) doc.y += BODY_SIZE * 0.3;
				return;
			case 'blockquote': {
				const start = { page: this.pageIndex(), y: doc.y };
				this.blocks(
					block.children,
					{ left: box.left + QUOTE_INDENT, width: box.width - QUOTE_INDENT },
					depth,
					tight
				);
				this.quoteBar(box.left + 4, start);
				return;
			}
			case 'codeBlock':
				ensureRoom(doc, this.startHeight(block, box));
				doc
					.font(fonts.names.code)
					.fontSize(CODE_SIZE)
					.fillColor('#000000')
					.text(fonts.safe(block.text) || ' ', box.left, doc.y, { width: box.width });
				doc.x = box.left;
				doc.y += BODY_SIZE * 0.5;
				return;
			case 'horizontalRule': {
				ensureRoom(doc, 14);
				const y = doc.y + 6;
				doc
					.moveTo(box.left, y)
					.lineTo(box.left + box.width, y)
					.lineWidth(0.5)
					.strokeColor('#999999')
					.stroke();
				doc.y += 14;
				return;
			}
		}
	}

	private list(block: Extract<Block, { items: Block[][] }>, box: Box, depth: number) {
		const { doc, fonts } = this;
		const ordered = block.type === 'orderedList';
		const markers = block.items.map((_, i) =>
			fonts.safe(ordered ? `${block.start + i}.` : BULLETS[depth % BULLETS.length])
		);
		doc.font(fonts.names.regular).fontSize(BODY_SIZE);
		const widths = markers.map((marker) => doc.widthOfString(marker));
		// Wide enough for "10." or "100.": the item's text never starts under its number.
		const gutter = Math.max(MIN_GUTTER, ...widths.map((w) => w + MARKER_GAP));
		const inner = { left: box.left + gutter, width: box.width - gutter };
		block.items.forEach((item, i) => {
			// The marker goes where the item's first line will be: on the next page if that line is.
			ensureRoom(doc, item[0] ? this.startHeight(item[0], inner) : doc.currentLineHeight(true));
			const top = doc.y;
			doc.font(fonts.names.regular).fontSize(BODY_SIZE).fillColor('#000000');
			// Numbers are right-aligned against the text, bullets sit at the same place.
			doc.text(markers[i], inner.left - MARKER_GAP - widths[i], top, { lineBreak: false });
			doc.x = inner.left;
			doc.y = top;
			if (item.length === 0) doc.y += doc.currentLineHeight(true);
			else this.blocks(item, inner, depth + 1, true);
		});
	}

	private pageIndex() {
		const range = this.doc.bufferedPageRange();
		return range.start + range.count - 1;
	}

	/** The grey rule left of a quotation, on every page the quotation runs over. */
	private quoteBar(x: number, start: { page: number; y: number }) {
		const { doc } = this;
		const last = this.pageIndex();
		const end = doc.y - BODY_SIZE * 0.5;
		for (let page = start.page; page <= last; page++) {
			doc.switchToPage(page);
			const top = page === start.page ? start.y : doc.page.margins.top;
			const bottom = page === last ? end : doc.page.height - doc.page.margins.bottom;
			if (bottom > top)
				doc.moveTo(x, top).lineTo(x, bottom).lineWidth(2).strokeColor('#bbbbbb').stroke();
		}
		doc.switchToPage(last);
		doc.y = end + BODY_SIZE * 0.5;
	}

	/** How much of `block` must fit below the cursor for it to start on this page. */
	private startHeight(block: Block, box: Box): number {
		const { doc } = this;
		switch (block.type) {
			case 'heading': {
				const size = this.headingSize(block.level);
				return size * 0.9 + this.inlineHeight(block.content, size, box.width, true);
			}
			case 'paragraph': {
				const height = this.inlineHeight(block.content, BODY_SIZE, box.width, false);
				const line = doc.currentLineHeight(true);
				return height <= WHOLE_LINES * line + 1 ? height : KEEP_LINES * line;
			}
			case 'codeBlock': {
				doc.font(this.fonts.names.code).fontSize(CODE_SIZE);
				const height = doc.heightOfString(this.fonts.safe(block.text) || ' ', {
					width: box.width
				});
				return Math.min(height, KEEP_LINES * doc.currentLineHeight(true));
			}
			case 'bulletList':
			case 'orderedList': {
				const first = block.items[0]?.[0];
				return first
					? this.startHeight(first, { left: box.left, width: box.width - MIN_GUTTER })
					: 0;
			}
			case 'blockquote':
				return block.children[0] ? this.startHeight(block.children[0], box) : 0;
			case 'horizontalRule':
				return 14;
		}
	}

	/** The height of a run of text, measured in its main face (bold for headings). */
	private inlineHeight(content: Inline[], size: number, width: number, bold: boolean): number {
		const { doc, fonts } = this;
		doc.font(bold ? fonts.names.bold : fonts.names.regular).fontSize(size);
		return doc.heightOfString(fonts.safe(plainText(content)) || ' ', { width });
	}

	/** One paragraph of formatted runs, flowed by pdfkit as one text (continued runs). */
	private inline(content: Inline[], size: number, box: Box, heading: boolean) {
		const { doc, fonts } = this;
		const runs = textRuns(content);
		doc.x = box.left;
		runs.forEach((run, i) => {
			const { marks } = run;
			doc
				.font(fonts.names[styleOf(marks, heading)])
				.fontSize(size)
				.fillColor(marks.link ? '#1d4ed8' : '#000000')
				.text(fonts.safe(run.text), {
					width: box.width,
					continued: i < runs.length - 1,
					underline: Boolean(marks.underline || marks.link),
					strike: Boolean(marks.strike),
					link: marks.link ?? null
				});
		});
		doc.fillColor('#000000');
		doc.x = box.left;
	}
}

/**
 * Hard breaks become newlines at the start of the next run: pdfkit breaks the line there (a
 * newline that ends a continued run is dropped). A break with nothing after it shows nothing.
 * Spaces that start a run move to the end of the run before (unless that one is underlined or
 * struck): pdfkit would print them at the start of a line when the line breaks between the runs.
 */
function textRuns(content: Inline[]): Array<{ text: string; marks: Marks }> {
	const runs: Array<{ text: string; marks: Marks }> = [];
	let breaks = '';
	for (const part of content) {
		if ('hardBreak' in part) {
			breaks += '\n';
			continue;
		}
		if (!part.text) continue;
		let text = part.text;
		const previous = runs.at(-1);
		const lead = /^[ \t]+/.exec(text)?.[0];
		const marked =
			previous && (previous.marks.underline || previous.marks.strike || previous.marks.link);
		if (lead && previous && !breaks && !marked && lead.length < text.length) {
			previous.text += lead;
			text = text.slice(lead.length);
		}
		runs.push({ text: breaks + text, marks: part.marks });
		breaks = '';
	}
	return runs.length > 0 ? runs : [{ text: ' ', marks: {} }];
}

function styleOf(marks: Marks, heading: boolean): FontStyle {
	if (marks.code) return 'code';
	const bold = heading || marks.bold;
	if (bold && marks.italic) return 'boldItalic';
	if (bold) return 'bold';
	return marks.italic ? 'italic' : 'regular';
}
