// The page of the A4 text exports (documents and the workshop report): margins, fonts, the
// finished file, room checks for page breaks, and the furniture drawn on every page once the
// text is laid out (running header, "N / M" at the foot).
import PDFDocument from 'pdfkit';
import { pdfSafe, registerPdfFonts, type FontStyle, type PdfFonts } from './pdf-fonts';

export type Pdf = InstanceType<typeof PDFDocument>;

export const MARGIN = 56; // 2 cm
/** Room between the running header and the text. */
const HEADER_GAP = 24;
const GREY = '#555555';

/** The registered font names and the text filter for them. */
export interface Fonts {
	names: Record<FontStyle, string>;
	safe: (text: string) => string;
}

/** Registers `pdfFonts` on `doc`: the names to use and the filter every text goes through. */
export function fontsFor(doc: Pdf, pdfFonts: PdfFonts): Fonts {
	return { names: registerPdfFonts(doc, pdfFonts), safe: (text) => pdfSafe(pdfFonts, text) };
}

/**
 * A portrait A4 document whose pages are kept until the end (`bufferPages`), so that the header
 * and page numbers are drawn after the text: drawing them from pdfkit's `pageAdded` event, in the
 * middle of a paragraph that flows onto a new page, would mix their options into the paragraph's.
 */
export function a4Document(info: { Title: string; Subject?: string }): Pdf {
	return new PDFDocument({
		size: 'A4',
		bufferPages: true,
		margins: { top: MARGIN + HEADER_GAP, bottom: MARGIN, left: MARGIN, right: MARGIN },
		info: { ...info, Creator: 'Palabre' }
	});
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

export function contentWidth(doc: Pdf): number {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageBottom(doc: Pdf): number {
	return doc.page.height - doc.page.margins.bottom;
}

export function atPageTop(doc: Pdf): boolean {
	return doc.y <= doc.page.margins.top + 0.5;
}

/** Starts a new page unless `height` still fits below the cursor (or the page is still empty). */
export function ensureRoom(doc: Pdf, height: number) {
	if (doc.y + height > pageBottom(doc) && !atPageTop(doc)) doc.addPage();
}

/**
 * Header line (workshop · commune · date) at the top of every page, cut with an ellipsis rather
 * than run past the margin, and "N / M" centred at the foot. Call once, just before `doc.end()`.
 */
export function pageFurniture(doc: Pdf, fonts: Fonts, header: string) {
	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		const { margins } = doc.page;
		const width = doc.page.width - margins.left - margins.right;
		// Writing in the margins must not make pdfkit open a page of its own.
		const bottom = margins.bottom;
		margins.bottom = 0;
		doc.font(fonts.names.regular).fontSize(9).fillColor(GREY);
		doc.text(fonts.safe(header), margins.left, MARGIN - 8, {
			width,
			height: doc.currentLineHeight(),
			ellipsis: true
		});
		doc.text(`${i + 1} / ${range.count}`, margins.left, doc.page.height - MARGIN + 16, {
			width,
			align: 'center'
		});
		margins.bottom = bottom;
	}
	doc.fillColor('#000000');
}
