// Print-ready PDF (A4) from the block tree with pdfkit: the title, then the text laid out by
// pdf-blocks.ts; a header on every page (workshop, commune, date) and "N / M" at the foot. DejaVu
// Sans is embedded when the system has it (Hausa hooked letters); else the standard fonts, with
// those letters folded (see pdf-fonts.ts).
import { STANDARD_FONTS, type PdfFonts } from './pdf-fonts';
import { writeBlocks } from './pdf-blocks';
import { a4Document, contentWidth, fontsFor, pageFurniture, pdfBytes } from './pdf-page';
import type { ExportInput } from './export-input';

export function exportPdf(
	input: ExportInput,
	pdfFonts: PdfFonts = STANDARD_FONTS
): Promise<Buffer> {
	const doc = a4Document({ Title: input.title, Subject: input.workshopTitle });
	const done = pdfBytes(doc);
	const fonts = fontsFor(doc, pdfFonts);
	doc
		.font(fonts.names.bold)
		.fontSize(20)
		.text(fonts.safe(input.title), { width: contentWidth(doc) });
	doc.moveDown(0.8);
	writeBlocks(doc, fonts, input.blocks);
	pageFurniture(
		doc,
		fonts,
		[input.workshopTitle, input.commune, input.dateLabel].filter(Boolean).join(' · ')
	);
	doc.end();
	return done;
}
