// The workshop report as print-ready A4 PDF (pdfkit): the same page header and fonts as the
// document exports (DejaVu Sans, so Hausa names print as written), with tables drawn cell by cell (rows never split across pages; the header
// row is repeated on a new page). Rich text (charters) goes through the document export's writer.
import {
	MARGIN,
	a4Document,
	atPageTop,
	ensureRoom,
	fontsFor,
	pageBottom,
	pageFurniture,
	pdfBytes,
	type Fonts,
	type Pdf
} from '../documents/pdf-page';
import { BODY_SIZE, writeBlocks } from '../documents/pdf-blocks';
import { blocksToDiffLines } from '../documents/document-tree';
import { STANDARD_FONTS, type PdfFonts } from '../documents/pdf-fonts';
import type { ReportDocument, ReportItem } from './report-model';
import { MAP_STYLE, opinionMapLayout, type MapLayout } from './opinion-map-layout';
import { shapePath } from '../../domain/opinion-picture';

const CELL_PAD = 4;
const TABLE_SIZE = 9.5;
const GREY = '#555555';
/** Room above the opinion map's frame. */
const MAP_GAP = 6;

export function reportPdf(
	report: ReportDocument,
	pdfFonts: PdfFonts = STANDARD_FONTS
): Promise<Buffer> {
	const doc = a4Document({ Title: report.title });
	const done = pdfBytes(doc);
	const fonts = fontsFor(doc, pdfFonts);

	doc
		.font(fonts.names.bold)
		.fontSize(20)
		.text(fonts.safe(report.title), { width: width(doc) });
	doc.moveDown(0.6);
	report.items.forEach((item, i) => writeItem(doc, fonts, item, report.items.slice(i + 1)));
	pageFurniture(doc, fonts, report.header);
	doc.end();
	return done;
}

function width(doc: Pdf): number {
	return doc.page.width - 2 * MARGIN;
}

function bottom(doc: Pdf): number {
	return pageBottom(doc);
}

/**
 * A heading with room above it (not at a page top), kept with the first lines or table rows that
 * follow it: a heading alone at the foot of a page reads as a mistake. `keep` (the items the
 * heading goes over with) counts when together they fit in half a page, or on one page when
 * one of them is a drawing.
 */
function heading(doc: Pdf, fonts: Fonts, text: string, size: number, keep: ReportItem[] = []) {
	const whole = keep.reduce((sum, item) => sum + estimatedHeight(doc, fonts, item), 0);
	doc.font(fonts.names.bold).fontSize(size).fillColor('#000000');
	const height = doc.heightOfString(fonts.safe(text), { width: width(doc) });
	const before = size * 0.6;
	const page = pageBottom(doc) - doc.page.margins.top;
	// A drawing cannot be split: a heading goes over with it whenever they fit on one page.
	const limit = keep.some((item) => item.kind === 'opinionMap') ? page : page / 2;
	const follow = whole > 0 && height + whole <= limit ? whole : 3 * 14;
	ensureRoom(doc, before + height + size * 0.3 + follow);
	if (!atPageTop(doc)) doc.y += before;
	doc.text(fonts.safe(text), MARGIN, doc.y, { width: width(doc) });
	doc.y += size * 0.3;
}

/** A paragraph item's font, size and colour, for drawing and for measuring. */
function paragraphStyle(doc: Pdf, fonts: Fonts, item: Extract<ReportItem, { kind: 'paragraph' }>) {
	return doc
		.font(item.muted || item.italic ? fonts.names.italic : fonts.names.regular)
		.fontSize(item.muted ? 9 : 11)
		.fillColor(item.muted ? GREY : '#000000');
}

function captionHeight(doc: Pdf, fonts: Fonts, text: string) {
	return paragraphHeight(doc, fonts, { kind: 'paragraph', text, muted: true });
}

function paragraphHeight(doc: Pdf, fonts: Fonts, item: Extract<ReportItem, { kind: 'paragraph' }>) {
	paragraphStyle(doc, fonts, item);
	return doc.heightOfString(fonts.safe(item.text), { width: width(doc) });
}

/**
 * About how tall an item will be (a little more, never less): only to decide whether a short
 * group starts on a new page. Rich text is measured line by line in the body size, narrowed by a
 * list gutter, with the block writer's spacing.
 */
function estimatedHeight(doc: Pdf, fonts: Fonts, item: ReportItem): number {
	switch (item.kind) {
		case 'paragraph':
			return paragraphHeight(doc, fonts, item) + 4;
		case 'blocks':
			doc.font(fonts.names.regular).fontSize(BODY_SIZE);
			return blocksToDiffLines(item.blocks).reduce(
				(sum, line) =>
					sum +
					doc.heightOfString(fonts.safe(line.text) || ' ', {
						width: width(doc) - (line.kind.type === 'item' ? 20 * (line.kind.depth + 1) : 0)
					}) +
					BODY_SIZE * 0.5,
				0
			);
		case 'opinionMap':
			return (
				MAP_GAP +
				mapLayout(doc, fonts, item).height +
				6 +
				captionHeight(doc, fonts, item.caption) +
				4
			);
		default:
			return 3 * 14;
	}
}

/** The height of the items that go together from the start of `rest`: each kept with the next. */
function keptHeight(doc: Pdf, fonts: Fonts, rest: ReportItem[]): number {
	let height = 0;
	for (const item of rest) {
		height += estimatedHeight(doc, fonts, item);
		if (item.kind !== 'paragraph' || !item.keepWithNext) break;
	}
	return height;
}

function writeItem(doc: Pdf, fonts: Fonts, item: ReportItem, rest: ReportItem[]) {
	doc.x = MARGIN;
	const next = rest[0];
	switch (item.kind) {
		case 'heading':
			heading(doc, fonts, item.text, 15, rest.slice(0, item.keepWith ?? 0));
			return;
		case 'subheading':
			heading(doc, fonts, item.text, 13, rest.slice(0, item.keepWith ?? 0));
			return;
		case 'minorheading':
			heading(doc, fonts, item.text, 11.5, rest.slice(0, item.keepWith ?? 0));
			return;
		case 'paragraph':
			if (item.keepWithNext && next?.kind === 'paragraph')
				ensureRoom(doc, paragraphHeight(doc, fonts, item) + paragraphHeight(doc, fonts, next) + 4);
			paragraphStyle(doc, fonts, item).text(fonts.safe(item.text), MARGIN, doc.y, {
				width: width(doc)
			});
			doc.fillColor('#000000');
			doc.moveDown(0.3);
			return;
		case 'blocks':
			// The charter's own headings rank under the report's sections and the charter's title.
			writeBlocks(doc, fonts, item.blocks, {
				headingShift: 3,
				keepAfter: item.keepWithNext ? keptHeight(doc, fonts, rest) : 0
			});
			return;
		case 'table':
			writeTable(doc, fonts, item.header, item.rows, item.widths);
			doc.moveDown(0.4);
			return;
		case 'opinionMap': {
			// The map and its caption on one page.
			ensureRoom(doc, estimatedHeight(doc, fonts, item));
			if (!atPageTop(doc)) doc.y += MAP_GAP;
			drawMap(doc, fonts, mapLayout(doc, fonts, item));
			const caption = { kind: 'paragraph', text: item.caption, muted: true } as const;
			paragraphStyle(doc, fonts, caption).text(fonts.safe(item.caption), MARGIN, doc.y, {
				width: width(doc)
			});
			doc.fillColor('#000000');
			doc.moveDown(0.3);
			return;
		}
	}
}

/** The opinion map's layout at the cursor, measured in the fonts it is drawn with. */
function mapLayout(
	doc: Pdf,
	fonts: Fonts,
	item: Extract<ReportItem, { kind: 'opinionMap' }>
): MapLayout {
	const measure = (font: string, size: number) => (text: string) =>
		doc.font(font).fontSize(size).widthOfString(fonts.safe(text));
	return opinionMapLayout(
		item.points,
		item.groups,
		{ x: MARGIN, y: doc.y, width: width(doc) },
		{
			label: measure(fonts.names.bold, MAP_STYLE.labelSize),
			legend: measure(fonts.names.regular, MAP_STYLE.legendSize)
		}
	);
}

/** Vector drawing: a light frame, the areas, the dots, the letters, the legend. */
function drawMap(doc: Pdf, fonts: Fonts, map: MapLayout) {
	const { plot } = map;
	doc.rect(plot.x, plot.y, plot.width, plot.height).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
	for (const area of map.areas) {
		if (area.outline.length < 3) continue;
		const corners = area.outline.map((p): [number, number] => [p.x, p.y]);
		doc.save();
		doc
			.polygon(...corners)
			.fillOpacity(0.12)
			.fill(area.ink);
		doc
			.polygon(...corners)
			.lineWidth(1)
			.strokeColor(area.ink);
		if (area.dash) doc.dash(area.dash.length, { space: area.dash.space });
		doc.stroke();
		doc.restore();
	}
	const dot = (x: number, y: number, shape: MapLayout['dots'][number]['shape'], ink: string) => {
		doc.save();
		doc.translate(x, y).path(shapePath(shape, MAP_STYLE.dot)).lineWidth(0.6);
		doc.fillAndStroke(ink, '#ffffff');
		doc.restore();
	};
	for (const d of map.dots) dot(d.x, d.y, d.shape, d.ink);
	doc.font(fonts.names.bold).fontSize(MAP_STYLE.labelSize);
	for (const { label, ink } of map.areas)
		doc.fillColor(ink).text(fonts.safe(label.text), label.x, label.y, { lineBreak: false });
	doc.font(fonts.names.regular).fontSize(MAP_STYLE.legendSize);
	for (const entry of map.legend) {
		dot(entry.shape.x, entry.shape.y, entry.shape.kind, entry.ink);
		doc.fillColor('#000000').text(fonts.safe(entry.text), entry.x, entry.y, { lineBreak: false });
	}
	doc.fillColor('#000000');
	doc.x = MARGIN;
	doc.y = plot.y + map.height + 6;
}

function writeTable(
	doc: Pdf,
	fonts: Fonts,
	header: string[],
	rows: string[][],
	relative?: number[]
) {
	const weights = relative ?? header.map(() => 1);
	const sum = weights.reduce((a, b) => a + b, 0);
	const columns = weights.map((w) => (w / sum) * width(doc));

	const rowHeight = (cells: string[], bold: boolean) => {
		doc.font(bold ? fonts.names.bold : fonts.names.regular).fontSize(TABLE_SIZE);
		return (
			Math.max(
				...cells.map((text, i) =>
					doc.heightOfString(fonts.safe(text) || ' ', { width: columns[i] - 2 * CELL_PAD })
				)
			) +
			2 * CELL_PAD
		);
	};
	const drawRow = (cells: string[], bold: boolean) => {
		const height = rowHeight(cells, bold);
		if (doc.y + height > bottom(doc)) {
			doc.addPage();
			if (!bold) drawRow(header, true);
		}
		const top = doc.y;
		let x = MARGIN;
		cells.forEach((text, i) => {
			if (bold) doc.rect(x, top, columns[i], height).fill('#eeeeee');
			doc.rect(x, top, columns[i], height).lineWidth(0.5).strokeColor('#999999').stroke();
			doc
				.fillColor('#000000')
				.font(bold ? fonts.names.bold : fonts.names.regular)
				.fontSize(TABLE_SIZE)
				.text(fonts.safe(text), x + CELL_PAD, top + CELL_PAD, { width: columns[i] - 2 * CELL_PAD });
			x += columns[i];
		});
		doc.x = MARGIN;
		doc.y = top + height;
	};
	drawRow(header, true);
	for (const row of rows) drawRow(row, false);
}
