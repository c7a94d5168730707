// The opinion map in the procès-verbal: the drawing's layout stays inside its frame for 2, 3 and
// 5 groups (and a cloud with no spread), the PDF carries the map's legend before the tables,
// whose text is unchanged, and a map where nobody is placed gets a sentence instead of a frame.
import { describe, expect, it } from 'vitest';
import { inclusionStats } from '../../src/lib/domain/inclusion-stats';
import { composeReport } from '../../src/lib/server/report/compose';
import {
	opinionMapLayout,
	type Box,
	type MapGroup,
	type MapPoint
} from '../../src/lib/server/report/opinion-map-layout';
import type { ReportData, ReportItem } from '../../src/lib/server/report/report-model';
import { reportDocx } from '../../src/lib/server/report/report-docx';
import { reportPdf } from '../../src/lib/server/report/report-pdf';
import type { ReportOpinionMap } from '../../src/lib/server/services/opinion-exports';
import { docxParagraphs, pdfPages, pdfText } from '../helpers/file-text';
import { find, outsideMargins, overlaps } from '../helpers/pdf-layout';
import { reportOpinionMap, unplacedOpinionMap } from '../helpers/opinion-report-fixture';

const at = { x: 56, y: 120, width: 483 };
/** About Helvetica's widths: 5.5 pt a character at 9–10 pt. */
const measure = { label: (t: string) => t.length * 6, legend: (t: string) => t.length * 5 };

function layoutOf(map: ReportOpinionMap) {
	const groups: MapGroup[] = map.groups.map((g) => ({
		id: g.id,
		label: g.label,
		legend: `Groupe ${g.label} · ${g.size} personnes`
	}));
	return opinionMapLayout(map.points, groups, at, measure);
}

function within(box: Box, p: { x: number; y: number }) {
	return p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
}

const crosses = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the opinion map drawing’s layout', () => {
	it.each([2, 3, 5])(
		'with %i groups, puts every dot, area, letter and legend entry inside the frame',
		(count) => {
			const map = reportOpinionMap(count, 9);
			const layout = layoutOf(map);
			const frame = { ...at, height: layout.height };
			expect(layout.plot.width).toBe(at.width);
			expect(layout.dots).toHaveLength(map.points.length);
			for (const dot of layout.dots) expect(within(layout.plot, dot)).toBe(true);
			expect(layout.areas.map((a) => a.group)).toEqual(map.groups.map((g) => g.id));
			for (const area of layout.areas) {
				expect(area.outline.length).toBeGreaterThanOrEqual(3);
				for (const corner of area.outline) expect(within(layout.plot, corner)).toBe(true);
				expect(within(layout.plot, area.label)).toBe(true);
				expect(
					within(layout.plot, {
						x: area.label.x + area.label.width,
						y: area.label.y + area.label.height
					})
				).toBe(true);
			}
			// No two letters on one another, nor two legend entries.
			const letters = layout.areas.map((a) => a.label);
			for (let i = 0; i < letters.length; i++)
				for (let j = i + 1; j < letters.length; j++)
					expect(crosses(letters[i], letters[j])).toBe(false);
			const entries = layout.legend.map((e) => ({
				x: e.shape.x - 4,
				y: e.y,
				width: e.x + e.width - (e.shape.x - 4),
				height: 11
			}));
			for (let i = 0; i < entries.length; i++) {
				expect(entries[i].y).toBeGreaterThan(layout.plot.y + layout.plot.height);
				expect(within(frame, entries[i])).toBe(true);
				expect(within(frame, { x: entries[i].x + entries[i].width, y: entries[i].y + 11 })).toBe(
					true
				);
				for (let j = i + 1; j < entries.length; j++)
					expect(crosses(entries[i], entries[j])).toBe(false);
			}
			// Each group is drawn its own way: shape and dash, not colour alone.
			expect(new Set(layout.areas.map((a) => JSON.stringify(a.dash))).size).toBe(count);
			expect(new Set(layout.legend.map((e) => e.shape.kind)).size).toBe(count);
		}
	);

	it('keeps the cloud’s shape: one scale for both axes', () => {
		const points: MapPoint[] = [
			{ x: -1, y: 0, group: 0 },
			{ x: 1, y: 0, group: 0 },
			{ x: 0, y: 0.5, group: 0 }
		];
		const layout = opinionMapLayout(points, [], at, measure);
		const [left, right, top] = layout.dots;
		expect((right.x - left.x) / (left.y - top.y)).toBeCloseTo(4, 5);
	});

	it('draws a cloud with no spread in the middle, at a fixed scale', () => {
		const points: MapPoint[] = [0, 1, 2].map(() => ({ x: 0.3, y: -0.2, group: 0 }));
		const layout = opinionMapLayout(
			points,
			[{ id: 0, label: 'A', legend: 'Groupe A · 3 personnes' }],
			at,
			measure
		);
		for (const dot of layout.dots) {
			expect(dot.x).toBeCloseTo(at.x + at.width / 2, 5);
			expect(within(layout.plot, dot)).toBe(true);
		}
		const [area] = layout.areas;
		const xs = area.outline.map((p) => p.x);
		expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(40);
	});
});

function report(maps: ReportOpinionMap[]): ReportData {
	return {
		workshopId: 'w',
		locale: 'fr',
		workshop: { title: 'Forum de Maradi', commune: 'Maradi', quartier: null, date: 0 },
		generatedAt: 0,
		rounds: [],
		attendance: inclusionStats({ profiles: [], present: [], spoke: {}, voted: [], wrote: [] }),
		decisions: [],
		charters: [],
		plans: [],
		documents: [],
		opinionMaps: maps
	};
}

const tableTexts = (items: ReportItem[]) =>
	items.flatMap((i) => (i.kind === 'table' ? [i.header, ...i.rows].flat() : []));
const flat = (text: string) => text.replace(/\s+/g, '');

describe('the opinion map in the procès-verbal', () => {
	it('prints the map with its legend after the counts and before the tables, unchanged', async () => {
		const composed = composeReport(report([reportOpinionMap(3, 10)]));
		const at = composed.items.findIndex((i) => i.kind === 'opinionMap');
		const firstTable = composed.items.findIndex(
			(i) => i.kind === 'table' && i.header[0] === 'Groupe'
		);
		expect(at).toBeGreaterThan(-1);
		expect(at).toBeLessThan(firstTable);

		const pdf = await reportPdf(composed);
		const pages = pdfPages(pdf);
		expect(overlaps(pages)).toEqual([]);
		expect(outsideMargins(pages, 56)).toEqual([]);
		const legend = [
			'Groupe A · 10 personnes',
			'Groupe B · 11 personnes',
			'Groupe C · 12 personnes'
		];
		for (const line of legend) expect(find(pages, line)).toHaveLength(1);
		const [prompt] = find(pages, 'Qu’est-ce qu’un bon citoyen');
		const [legendA] = find(pages, legend[0]);
		const [groupsHeader] = find(pages, 'Ce qui caractérise le groupe');
		// The heading, the map and the groups' table on one page, in that order.
		expect(legendA.page).toBe(prompt.page);
		expect(groupsHeader.page).toBe(prompt.page);
		expect(legendA.baseline - prompt.baseline).toBeGreaterThan(200);
		expect(groupsHeader.baseline).toBeGreaterThan(legendA.baseline);
		// The tables read as before: every cell's text is in the PDF.
		const text = flat(pdfText(pdf));
		for (const cell of tableTexts(composed.items)) expect(text).toContain(flat(cell));

		// Word has the tables, not the picture (nor its legend and caption).
		const paragraphs = docxParagraphs(await reportDocx(composed)).map((p) => p.text);
		expect(paragraphs).toContain('Un bon citoyen paie sa taxe de voirie.');
		expect(paragraphs.join('\n')).not.toContain('Groupe A · 10 personnes');
		expect(paragraphs.join('\n')).not.toContain('Chaque point est une personne');
	});

	it('fits five groups and a second map on the pages without overlaps', async () => {
		const pdf = await reportPdf(
			composeReport(report([reportOpinionMap(5, 9), reportOpinionMap(2, 6, 3)]))
		);
		const pages = pdfPages(pdf);
		expect(overlaps(pages)).toEqual([]);
		expect(outsideMargins(pages, 56)).toEqual([]);
		for (const label of 'ABCDE')
			expect(find(pages, `Groupe ${label} · `).length).toBeGreaterThan(0);
		expect(find(pages, 'Groupe E · 13 personnes')).toHaveLength(1);
	});

	it('says nobody is placed yet instead of drawing an empty frame', async () => {
		const composed = composeReport(report([unplacedOpinionMap()]));
		expect(composed.items.some((i) => i.kind === 'opinionMap')).toBe(false);
		const pages = pdfPages(await reportPdf(composed));
		expect(find(pages, 'Personne n’est encore placé sur la carte')).toHaveLength(1);
		expect(find(pages, 'Groupe A')).toHaveLength(0);
		expect(pages).toHaveLength(1);
	});
});
