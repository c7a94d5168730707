// Print-ready PDF (A4) from the block tree with pdfkit: a header on every page (workshop, commune,
// date), the title, then the text. Standard PDF fonts only (Helvetica, WinAnsi): nothing to ship,
// and French is fully covered; scripts beyond Latin-1 would need an embedded font.
import PDFDocument from 'pdfkit';
import type { Block, Inline } from './document-tree';
import type { ExportInput } from './export-input';

export const MARGIN = 56; // 2 cm
const HEADER_GAP = 24;
const FONTS = {
	regular: 'Helvetica',
	bold: 'Helvetica-Bold',
	italic: 'Helvetica-Oblique',
	boldItalic: 'Helvetica-BoldOblique',
	code: 'Courier'
} as const;
const HEADING_SIZES = [0, 18, 15, 13, 12, 11, 11];

type Pdf = InstanceType<typeof PDFDocument>;

export function exportPdf(input: ExportInput): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: MARGIN + HEADER_GAP, bottom: MARGIN, left: MARGIN, right: MARGIN },
		info: { Title: input.title, Subject: input.workshopTitle, Creator: 'Palabre' }
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	const header = [input.workshopTitle, input.commune, input.dateLabel].filter(Boolean).join(' · ');
	const drawHeader = () => {
		const { x, y } = doc;
		doc.font(FONTS.regular).fontSize(9).fillColor('#555555');
		doc.text(header, MARGIN, MARGIN - 8, { width: contentWidth(doc), lineBreak: false });
		doc.fillColor('#000000');
		doc.x = x;
		doc.y = y;
	};
	drawHeader();
	doc.on('pageAdded', drawHeader);

	doc
		.font(FONTS.bold)
		.fontSize(20)
		.text(input.title, { width: contentWidth(doc) });
	doc.moveDown(0.8);
	writeBlocks(doc, input.blocks, 0);
	doc.end();
	return done;
}

function contentWidth(doc: Pdf, depth = 0): number {
	return doc.page.width - 2 * MARGIN - depth * 18;
}

export function writeBlocks(doc: Pdf, blocks: Block[], depth: number) {
	for (const block of blocks) writeBlock(doc, block, depth);
}

function writeBlock(doc: Pdf, block: Block, depth: number) {
	const x = MARGIN + depth * 18;
	switch (block.type) {
		case 'heading':
			doc.moveDown(0.4);
			writeInline(doc, block.content, x, HEADING_SIZES[block.level] ?? 11, true);
			doc.moveDown(0.3);
			return;
		case 'paragraph':
			writeInline(doc, block.content, x, 11, false);
			doc.moveDown(0.4);
			return;
		case 'bulletList':
		case 'orderedList':
			block.items.forEach((item, i) => {
				const marker = block.type === 'bulletList' ? '•' : `${block.start + i}.`;
				doc.font(FONTS.regular).fontSize(11).text(marker, x, doc.y, { lineBreak: false });
				doc.y -= doc.currentLineHeight();
				writeBlocks(doc, item, depth + 1);
			});
			doc.moveDown(0.2);
			return;
		case 'blockquote':
			writeBlocks(doc, block.children, depth + 1);
			return;
		case 'codeBlock':
			doc
				.font(FONTS.code)
				.fontSize(10)
				.text(block.text, x, doc.y, { width: contentWidth(doc, depth) });
			doc.moveDown(0.4);
			return;
		case 'horizontalRule': {
			const y = doc.y + 4;
			doc
				.moveTo(x, y)
				.lineTo(x + contentWidth(doc, depth), y)
				.strokeColor('#999999')
				.stroke();
			doc.moveDown(0.8);
			return;
		}
	}
}

function writeInline(doc: Pdf, content: Inline[], x: number, size: number, heading: boolean) {
	const width = doc.page.width - MARGIN - x;
	const runs = content.length > 0 ? content : [{ text: ' ', marks: {} }];
	doc.x = x;
	runs.forEach((part, i) => {
		const last = i === runs.length - 1;
		if ('hardBreak' in part) {
			doc.text('\n', { width, continued: !last });
			return;
		}
		const { marks } = part;
		const bold = heading || marks.bold;
		const font = marks.code
			? FONTS.code
			: bold && marks.italic
				? FONTS.boldItalic
				: bold
					? FONTS.bold
					: marks.italic
						? FONTS.italic
						: FONTS.regular;
		doc
			.font(font)
			.fontSize(size)
			.fillColor(marks.link ? '#1d4ed8' : '#000000')
			.text(part.text, {
				width,
				continued: !last,
				underline: Boolean(marks.underline || marks.link),
				strike: Boolean(marks.strike),
				link: marks.link ?? null
			});
	});
	doc.fillColor('#000000');
}
