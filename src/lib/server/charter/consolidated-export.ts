// The one place that turns a consolidated charter into a file for
// `GET /api/documents/:id/consolidated?format=pdf|docx|html` (the JSON branch is the route's):
// the format checked, the writer picked, the content type and an ASCII file name.
import { z } from 'zod';
import {
	CONSOLIDATED_FORMATS,
	type ConsolidatedCharter,
	type Translate
} from '../../domain/consolidated-charter';
import { fileNameFor } from '../documents/export-input';
import { STANDARD_FONTS, type PdfFonts } from '../documents/pdf-fonts';
import { ServiceError } from '../services/service-error';
import { consolidatedDocx } from './consolidated-docx';
import { consolidatedHtml } from './consolidated-html';
import { consolidatedPdf } from './consolidated-pdf';

const formatSchema = z.enum(CONSOLIDATED_FORMATS);
const CONTENT_TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	html: 'text/html; charset=utf-8'
} as const;

export interface ConsolidatedFile {
	body: Buffer | string;
	contentType: string;
	fileName: string;
}

/** A format other than pdf, docx or html is a 400 on `format`. */
export async function consolidatedExport(
	format: unknown,
	c: ConsolidatedCharter,
	t: Translate,
	pdfFonts: PdfFonts = STANDARD_FONTS
): Promise<ConsolidatedFile> {
	const parsed = formatSchema.safeParse(format);
	if (!parsed.success) throw new ServiceError('validation', { field: 'format' });
	const body =
		parsed.data === 'pdf'
			? await consolidatedPdf(c, t, pdfFonts)
			: parsed.data === 'docx'
				? await consolidatedDocx(c, t)
				: consolidatedHtml(c, t);
	return {
		body,
		contentType: CONTENT_TYPES[parsed.data],
		fileName: fileNameFor(c.title, parsed.data)
	};
}
