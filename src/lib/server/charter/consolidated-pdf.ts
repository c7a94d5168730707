// The consolidated charter as print-ready A4 PDF: the report's writer (running header, page
// numbers, tables whose rows never split) over the layout shared with the procès-verbal, the
// articles' text flowed by the document exports' block writer.
import type { ConsolidatedCharter, Translate } from '../../domain/consolidated-charter';
import { STANDARD_FONTS, type PdfFonts } from '../documents/pdf-fonts';
import { reportPdf } from '../report/report-pdf';
import { consolidatedDocument } from './consolidated-layout';

export function consolidatedPdf(
	c: ConsolidatedCharter,
	t: Translate,
	pdfFonts: PdfFonts = STANDARD_FONTS
): Promise<Buffer> {
	return reportPdf(consolidatedDocument(c, t), pdfFonts);
}
