// Print-ready PDF (A4) from the block tree with pdfkit: a header on every page (workshop, commune,
// date), the title, then the text. DejaVu Sans is embedded when the system has it (Hausa hooked
// letters); else the standard fonts, with those letters folded (see pdf-fonts.ts).
import PDFDocument from 'pdfkit';
import {
	pdfSafe,
	registerPdfFonts,
	STANDARD_FONTS,
	type FontStyle,
	type PdfFonts
} from './pdf-fonts';
import type { Block, Inline } from './document-tree';
import type { ExportInput } from './export-input';

export const MARGIN = 56; // 2 cm
const HEADER_GAP = 24;
const HEADING_SIZES = [0, 18, 15, 13, 12, 11, 11];

type Pdf = InstanceType<typeof PDFDocument>;
/** The registered font names and the text filter for them. */
export interface Fonts {
	names: Record<FontStyle, string>;
	safe: (text: string) => string;
}

/** The finished file: resolves once `doc.end()` has flushed every chunk. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	return new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
}

/** A small grey line (workshop · commune · date) at the top of this page and every next one. */
export function runningHeader(doc: Pdf, fonts: Fonts, text: string) {
	const draw = () => {
		const { x, y } = doc;
		doc.font(fonts.names.regular).fontSize(9).fillColor('#555555');
		doc.text(fonts.safe(text), MARGIN, MARGIN - 8, {
			width: doc.page.width - 2 * MARGIN,
			lineBreak: false
		});
		doc.fillColor('#000000');
		doc.x = x;
		doc.y = y;
	};
	draw();
	doc.on('pageAdded', draw);
}

/** Registers `pdfFonts` on `doc`: the names to use and the filter every text goes through. */
export function fontsFor(doc: Pdf, pdfFonts: PdfFonts): Fonts {
	return { names: registerPdfFonts(doc, pdfFonts), safe: (text) => pdfSafe(pdfFonts, text) };
}

export function exportPdf(
	input: ExportInput,
	pdfFonts: PdfFonts = STANDARD_FONTS
): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: MARGIN + HEADER_GAP, bottom: MARGIN, left: MARGIN, right: MARGIN },
		info: { Title: input.title, Subject: input.workshopTitle, Creator: 'Palabre' }
	});
	const done = pdfBytes(doc);
	const fonts = fontsFor(doc, pdfFonts);
	runningHeader(
		doc,
		fonts,
		[input.workshopTitle, input.commune, input.dateLabel].filter(Boolean).join(' · ')
	);

	doc
		.font(fonts.names.bold)
		.fontSize(20)
		.text(fonts.safe(input.title), { width: contentWidth(doc) });
	doc.moveDown(0.8);
	writeBlocks(doc, fonts, input.blocks, 0);
	doc.end();
	return done;
}

function contentWidth(doc: Pdf, depth = 0): number {
	return doc.page.width - 2 * MARGIN - depth * 18;
}

export function writeBlocks(doc: Pdf, fonts: Fonts, blocks: Block[], depth: number) {
	for (const block of blocks) writeBlock(doc, fonts, block, depth);
}

function writeBlock(doc: Pdf, fonts: Fonts, block: Block, depth: number) {
	const x = MARGIN + depth * 18;
	switch (block.type) {
		case 'heading':
			doc.moveDown(0.4);
			writeInline(doc, fonts, block.content, x, HEADING_SIZES[block.level] ?? 11, true);
			doc.moveDown(0.3);
			return;
		case 'paragraph':
			writeInline(doc, fonts, block.content, x, 11, false);
			doc.moveDown(0.4);
			return;
		case 'bulletList':
		case 'orderedList':
			block.items.forEach((item, i) => {
				const marker = block.type === 'bulletList' ? '•' : `${block.start + i}.`;
				doc.font(fonts.names.regular).fontSize(11).text(marker, x, doc.y, { lineBreak: false });
				doc.y -= doc.currentLineHeight();
				writeBlocks(doc, fonts, item, depth + 1);
			});
			doc.moveDown(0.2);
			return;
		case 'blockquote':
			writeBlocks(doc, fonts, block.children, depth + 1);
			return;
		case 'codeBlock':
			doc
				.font(fonts.names.code)
				.fontSize(10)
				.text(fonts.safe(block.text), x, doc.y, { width: contentWidth(doc, depth) });
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

function writeInline(
	doc: Pdf,
	fonts: Fonts,
	content: Inline[],
	x: number,
	size: number,
	heading: boolean
) {
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
		const style: FontStyle = marks.code
			? 'code'
			: bold && marks.italic
				? 'boldItalic'
				: bold
					? 'bold'
					: marks.italic
						? 'italic'
						: 'regular';
		doc
			.font(fonts.names[style])
			.fontSize(size)
			.fillColor(marks.link ? '#1d4ed8' : '#000000')
			.text(fonts.safe(part.text), {
				width,
				continued: !last,
				underline: Boolean(marks.underline || marks.link),
				strike: Boolean(marks.strike),
				link: marks.link ?? null
			});
	});
	doc.fillColor('#000000');
}
