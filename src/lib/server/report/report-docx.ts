// The workshop report as DOCX (editable in Word or LibreOffice): real heading styles, tables with
// a repeated header row, and charter texts through the document export's block writer.
import {
	Document,
	HeadingLevel,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import { DocxLists } from '../documents/export-docx';
import type { ReportDocument, ReportItem } from './report-model';

/** Text width of an A4 page with 2 cm margins, in twentieths of a point. */
const TABLE_WIDTH = 9638;

export function reportDocx(report: ReportDocument): Promise<Buffer> {
	const children: Array<Paragraph | Table> = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
		new Paragraph({ children: [new TextRun({ text: report.header, color: '555555', size: 18 })] })
	];
	const lists = new DocxLists();
	for (const item of report.items) children.push(...itemOf(item, lists));
	const doc = new Document({
		creator: 'Palabre',
		title: report.title,
		numbering: lists.numbering(),
		sections: [{ children }]
	});
	return Packer.toBuffer(doc);
}

function itemOf(item: ReportItem, lists: DocxLists): Array<Paragraph | Table> {
	switch (item.kind) {
		case 'heading':
			return [
				new Paragraph({
					heading: HeadingLevel.HEADING_1,
					keepNext: true,
					children: [new TextRun(item.text)]
				})
			];
		case 'subheading':
			return [
				new Paragraph({
					heading: HeadingLevel.HEADING_2,
					keepNext: true,
					children: [new TextRun(item.text)]
				})
			];
		case 'minorheading':
			return [
				new Paragraph({
					heading: HeadingLevel.HEADING_3,
					keepNext: true,
					children: [new TextRun(item.text)]
				})
			];
		case 'paragraph':
			return [
				new Paragraph({
					keepNext: item.keepWithNext,
					children: [
						new TextRun(
							item.muted
								? { text: item.text, italics: true, color: '555555', size: 18 }
								: { text: item.text, italics: item.italic }
						)
					]
				})
			];
		case 'blocks':
			// The charter's own headings rank under the report's sections and the charter's title.
			return lists.paragraphs(item.blocks, 2, item.keepWithNext);
		case 'opinionMap':
			// No picture in Word: drawing it would need a rasteriser on the server (docs/opinion-map.md);
			// the tables that follow say the same in words.
			return [];
		case 'table': {
			const weights = item.widths ?? item.header.map(() => 1);
			const sum = weights.reduce((a, b) => a + b, 0);
			const columnWidths = weights.map((w) => Math.round((w / sum) * TABLE_WIDTH));
			const row = (cells: string[], header: boolean) =>
				new TableRow({
					tableHeader: header,
					cantSplit: true,
					children: cells.map(
						(text, i) =>
							new TableCell({
								width: { size: columnWidths[i], type: WidthType.DXA },
								...(header ? { shading: { fill: 'EEEEEE' } } : {}),
								children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })]
							})
					)
				});
			return [
				new Table({
					width: { size: TABLE_WIDTH, type: WidthType.DXA },
					columnWidths,
					rows: [row(item.header, true), ...item.rows.map((cells) => row(cells, false))]
				}),
				new Paragraph({ children: [] })
			];
		}
	}
}
