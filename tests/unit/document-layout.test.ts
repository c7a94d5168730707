// The exported documents laid out as a person would: the PDFs are read back with their text
// positions (no two lines over each other, nothing past the margins, list markers beside their
// text, no heading alone at a page foot, the plan's signature whole and beside what it closes),
// and the Word files are read back as Word sees their lists.
import { describe, expect, it } from 'vitest';
import { budgetTotals, type PlanAction } from '../../src/lib/domain/action-plan';
import { inclusionStats } from '../../src/lib/domain/inclusion-stats';
import { charterTemplate } from '../../src/lib/server/documents/charter-template';
import type { Block } from '../../src/lib/server/documents/document-tree';
import { exportDocx } from '../../src/lib/server/documents/export-docx';
import { exportPdf } from '../../src/lib/server/documents/export-pdf';
import { exportPlanPdf } from '../../src/lib/server/documents/export-plan-pdf';
import { exportPlanDocx } from '../../src/lib/server/documents/export-plan-docx';
import {
	loadPdfFonts,
	STANDARD_FONTS,
	type PdfFonts
} from '../../src/lib/server/documents/pdf-fonts';
import type { PlanExportInput } from '../../src/lib/server/documents/plan-export-input';
import { translate } from '../../src/lib/server/i18n';
import { composeReport } from '../../src/lib/server/report/compose';
import type { ReportData } from '../../src/lib/server/report/report-model';
import { reportDocx } from '../../src/lib/server/report/report-docx';
import { reportPdf } from '../../src/lib/server/report/report-pdf';
import {
	bullets,
	h,
	LONG_URL,
	LONG_WORD,
	longCharter,
	numbered,
	p
} from '../helpers/document-fixtures';
import { docxParagraphs, pdfPages, pdfText, zipEntry, type PdfPage } from '../helpers/file-text';
import { find, outsideMargins, overlaps } from '../helpers/pdf-layout';

const DEJAVU = loadPdfFonts();
const FONTS: Array<[string, PdfFonts]> = [
	['DejaVu Sans (embedded)', DEJAVU],
	['the standard fonts', STANDARD_FONTS]
];
const TEXT_MARGIN = 56;
/** Each test lays out and reads back whole documents (up to a dozen pages, several files). */
const LAYOUT_TIMEOUT = 30_000;
const PLAN_MARGIN = 36;

function charterPdf(blocks: Block[], fonts: PdfFonts) {
	return exportPdf(
		{
			title: 'Charte de la citoyenneté',
			workshopTitle: 'Bootcamp d’éducation civique',
			commune: 'Maradi',
			dateLabel: '1er décembre 2026',
			blocks
		},
		fonts
	);
}

/** Runs of the page's body: not the running header, not the page number. */
function body(page: PdfPage) {
	return page.runs.filter(
		(run) => run.text.trim() !== '' && run.baseline > 70 && !/^\d+ \/ \d+$/.test(run.text.trim())
	);
}

/** Every list marker shares its baseline with text just right of it. */
function markersBesideText(pages: PdfPage[]): string[] {
	const problems: string[] = [];
	pages.forEach((page, i) => {
		const runs = body(page);
		for (const marker of runs.filter((r) => /^([•◦▪]|\d+\.)$/.test(r.text.trim()))) {
			const beside = runs.find(
				(r) =>
					r !== marker &&
					Math.abs(r.baseline - marker.baseline) < 0.5 &&
					r.x >= marker.x + marker.width &&
					r.x <= marker.x + marker.width + 24
			);
			if (!beside) problems.push(`p.${i + 1}: marker ${marker.text} at ${marker.baseline} alone`);
		}
	});
	return problems;
}

/** Headings (text larger than the body's 11 pt) followed by no body line on their page. */
function orphanHeadings(pages: PdfPage[]): string[] {
	const problems: string[] = [];
	pages.forEach((page, i) => {
		const runs = body(page);
		for (const heading of runs.filter((r) => r.size > 11.5 && r.size < 20)) {
			const after = runs.some((r) => r.size <= 11.5 && r.baseline > heading.baseline);
			if (!after) problems.push(`p.${i + 1}: heading «${heading.text}» ends the page`);
		}
	});
	return problems;
}

describe('document PDFs', { timeout: LAYOUT_TIMEOUT }, () => {
	it('print the charter template’s Article 2 list under its heading, one item per line', async () => {
		const pages = pdfPages(await charterPdf(charterTemplate(), DEJAVU));
		expect(pages).toHaveLength(1);
		expect(overlaps(pages)).toEqual([]);
		expect(outsideMargins(pages, TEXT_MARGIN)).toEqual([]);
		expect(markersBesideText(pages)).toEqual([]);
		const [heading] = find(pages, 'Article 2 —');
		const items = ['Être informé', 'Prendre part', 'Respecter les biens'].map(
			(text) => find(pages, text)[0]
		);
		const article3 = find(pages, 'Article 3 —')[0];
		// Each item a line below the one before, all between the two headings.
		let previous = heading.baseline;
		for (const item of items) {
			expect(item.baseline).toBeGreaterThan(previous + 10);
			expect(item.x).toBeGreaterThan(heading.x + 10);
			previous = item.baseline;
		}
		expect(article3.baseline).toBeGreaterThan(previous + 10);
	});

	for (const [name, fonts] of FONTS)
		it(`lay out nested lists, long words and twelve pages without a line over another (${name})`, async () => {
			const pdf = await charterPdf(longCharter(), fonts);
			const pages = pdfPages(pdf);
			expect(pages.length).toBeGreaterThanOrEqual(8);
			expect(overlaps(pages)).toEqual([]);
			expect(outsideMargins(pages, TEXT_MARGIN)).toEqual([]);
			expect(markersBesideText(pages)).toEqual([]);
			expect(orphanHeadings(pages)).toEqual([]);
			// Words longer than a line are cut across lines, whole.
			const text = pdfText(pdf).replace(/\s+/g, '');
			expect(text).toContain(LONG_WORD);
			expect(text).toContain(LONG_URL);
			// Nested levels sit further right: bullets, then hollow bullets, then numbers.
			const [outer] = find(pages, 'Être informé');
			const [inner] = find(pages, 'en assemblée de quartier');
			const [innermost] = find(pages, 'proposer un projet');
			expect(inner.x).toBeGreaterThan(outer.x + 10);
			expect(innermost.x).toBeGreaterThan(inner.x + 10);
			// The second paragraph of an item lines up with the item's text, under its first line.
			const [item] = find(pages, 'Rendre compte de son mandat');
			const [second] = find(pages, 'Un second paragraphe');
			expect(second.x).toBeCloseTo(item.x, 1);
			// Two-digit numbers stay in the gutter: "10." ends before its text starts.
			const ten = find(pages, '10.').filter((r) => r.text.trim() === '10.');
			expect(ten.length).toBeGreaterThan(0);
			// No line of a paragraph starts with the space between two formatted runs.
			const indented = pages.flatMap((page) =>
				page.runs.filter((r) => Math.abs(r.x - TEXT_MARGIN) < 0.5 && /^\s+\S/.test(r.text))
			);
			expect(indented.map((r) => r.text)).toEqual([]);
			// A hard break starts a new line.
			const [before] = find(pages, 'Respecter les biens communs.');
			const [after] = find(pages, 'Entretenir les forages');
			expect(after.baseline).toBeGreaterThan(before.baseline + 5);
			// Every page has its running header and its number.
			pages.forEach((page, i) => {
				expect(page.runs.some((r) => r.text.includes('Bootcamp') && r.baseline < 70)).toBe(true);
				expect(page.runs.some((r) => r.text.trim() === `${i + 1} / ${pages.length}`)).toBe(true);
			});
		});
});

function reportData(): ReportData {
	const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
	return {
		workshopId: 'w',
		locale: 'fr',
		workshop: {
			title: 'Bootcamp d’éducation civique',
			commune: 'Maradi',
			quartier: null,
			date: Date.UTC(2026, 11, 1)
		},
		generatedAt: Date.UTC(2026, 11, 2),
		rounds: [],
		attendance: inclusionStats({
			profiles: ids.map((memberId, i) => ({
				memberId,
				gender: i < 3 ? 'woman' : 'man',
				ageBracket: '18_24'
			})),
			present: ids,
			spoke: {},
			voted: [],
			wrote: []
		}),
		decisions: [],
		charters: [
			{
				title: 'Charte de la citoyenneté',
				source: { kind: 'locked' },
				blocks: charterTemplate()
			},
			{ title: 'Charte longue', source: { kind: 'live' }, blocks: longCharter() }
		],
		plans: [],
		documents: []
	};
}

describe('the procès-verbal', { timeout: LAYOUT_TIMEOUT }, () => {
	it('prints the adopted charters with their lists under their headings', async () => {
		const pages = pdfPages(await reportPdf(composeReport(reportData()), DEJAVU));
		expect(pages.length).toBeGreaterThan(8);
		expect(overlaps(pages)).toEqual([]);
		expect(outsideMargins(pages, TEXT_MARGIN)).toEqual([]);
		expect(markersBesideText(pages)).toEqual([]);
		const [heading] = find(pages, 'Article 2 — Droits');
		const [item] = find(pages, 'Être informé des décisions');
		expect(item.page).toBe(heading.page);
		expect(item.baseline).toBeGreaterThan(heading.baseline + 10);
	});

	it('writes the charters’ lists as Word lists, each numbered list counting on its own', async () => {
		const paragraphs = docxParagraphs(await reportDocx(composeReport(reportData())));
		const firstPoints = paragraphs.filter((p) => p.text.startsWith('Point 1 de l’article'));
		expect(firstPoints.length).toBe(24);
		expect(new Set(firstPoints.map((p) => p.list?.numId)).size).toBe(24);
		const template = paragraphs.find((p) => p.text.startsWith('Être informé'));
		expect(template?.list).toMatchObject({ level: 0, format: 'bullet' });
	});
});

describe('document DOCX', () => {
	it('makes every list a Word list at its nesting level, never typed markers', async () => {
		const paragraphs = docxParagraphs(
			await exportDocx({
				title: 'Charte',
				workshopTitle: 'Bootcamp',
				commune: null,
				dateLabel: '1er décembre 2026',
				blocks: [
					...longCharter(),
					h(2, 'Suite de la numérotation'),
					numbered(5, [p('Cinquième point.')], [p('Sixième point.')]),
					bullets([p('Dernier point.')])
				]
			})
		);
		const of = (text: string) => paragraphs.filter((p) => p.text.startsWith(text));
		expect(of('Être informé')[0].list).toMatchObject({ level: 0, format: 'bullet', text: '•' });
		expect(of('en assemblée de quartier')[0].list).toMatchObject({
			level: 1,
			format: 'bullet',
			text: '◦'
		});
		expect(of('proposer un projet')[0].list).toMatchObject({
			level: 2,
			format: 'decimal',
			text: '%3.',
			start: 1
		});
		// Each numbered list is its own Word list: article 2's points start again at 1.
		const points = of('Point 1 de l’article');
		expect(points).toHaveLength(24);
		expect(new Set(points.map((p) => p.list?.numId)).size).toBe(24);
		for (const point of points) expect(point.list).toMatchObject({ level: 0, format: 'decimal' });
		// The items of one list share it.
		const article1 = of('Point ').filter((p) =>
			p.text.endsWith('article 1, à examiner en séance publique.')
		);
		expect(new Set(article1.map((p) => p.list?.numId)).size).toBe(1);
		// A list that starts at 5 starts at 5.
		expect(of('Cinquième point.')[0].list).toMatchObject({ format: 'decimal', start: 5 });
		// An item's second paragraph is not a new item: it is indented to the item's text.
		const second = of('Un second paragraphe')[0];
		expect(second.list).toBeNull();
		expect(second.indent).toBe(720);
		// A quotation is set in.
		expect(of('« Le palabre')[0].indent).toBe(360);
		// Headings keep with their text; no paragraph carries a typed bullet or number.
		for (const heading of paragraphs.filter((p) => p.style?.startsWith('Heading')))
			expect(heading.keepNext).toBe(true);
		expect(paragraphs.filter((p) => /^\s*([•◦▪-]|\d+\.)\s/.test(p.text))).toEqual([]);
	});
});

// ── the action plan ──────────────────────────────────────────────────────────────────────

const AXES = ['Eau et assainissement', 'Économie locale', 'Gouvernance', 'Éducation'];

function planAction(i: number): PlanAction {
	return {
		id: `a${i}`,
		title: `Action ${i + 1} : réhabiliter le forage de Sabon Gari`,
		description: i % 3 === 0 ? 'Remplacer la pompe et former le comité de gestion.' : '',
		owner: 'Service communal de l’hydraulique',
		partners: 'Association Ɗan Ƙasa',
		budget: 1_500_000 + i * 1000,
		currency: 'FCFA',
		funding: i % 2 ? 'Budget communal' : 'PTF',
		start: '2027-01-15',
		deadline: '2027-06-30',
		indicator: 'Forages fonctionnels',
		baseline: '2',
		target: '5',
		axis: AXES[i % AXES.length],
		priority: 'high',
		status: 'in_progress'
	};
}

function planInput(count: number, signed: boolean): PlanExportInput {
	const actions = Array.from({ length: count }, (_, i) => planAction(i));
	const approval = signed
		? {
				signatoryName: 'Moussa Ibrahim',
				signatoryTitle: 'Maire de Maradi I',
				statement: 'Le conseil communal adopte ce plan.',
				approvedAt: new Date(Date.UTC(2026, 11, 2)),
				versionId: 'v',
				hash: 'abcdef0123456789'
			}
		: null;
	return {
		documentId: 'd',
		title: 'Plan d’action local de Maradi I',
		workshopTitle: 'Bootcamp d’éducation civique',
		commune: 'Maradi',
		dateLabel: '1er décembre 2026',
		locale: 'fr',
		version: 'current',
		hash: 'abcdef0123456789',
		exportedAt: new Date(Date.UTC(2026, 11, 2)),
		currency: 'FCFA',
		axes: AXES,
		actions,
		totals: budgetTotals(actions),
		approval: approval as PlanExportInput['approval'],
		signed,
		followups: {},
		t: (key, params) => translate(`export_${key}`, 'fr', params)
	};
}

/** The page of each line of the signature block; all of them must be one page. */
function signaturePages(pages: PdfPage[], signed: boolean): number[] {
	const lines = signed
		? ['Approbation', 'Moussa Ibrahim', 'Le conseil communal adopte']
		: [
				'Lu et approuvé',
				'Nom et prénom',
				'Qualité',
				translate('export_sign_date', 'fr'),
				'Signature et cachet'
			];
	return lines.map((line) => {
		const found = find(pages, line);
		expect(found, line).toHaveLength(1);
		return found[0].page;
	});
}

describe('the action plan PDF', { timeout: LAYOUT_TIMEOUT }, () => {
	for (const count of [3, 40])
		for (const signed of [false, true])
			it(`keeps the ${signed ? 'signed approval' : 'empty signature block'} whole beside the totals, with ${count} actions`, async () => {
				const pages = pdfPages(await exportPlanPdf(planInput(count, signed), DEJAVU));
				expect(overlaps(pages)).toEqual([]);
				expect(outsideMargins(pages, PLAN_MARGIN)).toEqual([]);
				const [page, ...others] = signaturePages(pages, signed);
				for (const other of others) expect(other).toBe(page);
				// On the page of the last action and of the grand total, never on a page of its own.
				expect(find(pages, `Action ${count} :`)[0].page).toBe(page);
				expect(find(pages, 'Total général')[0].page).toBe(page);
				if (count === 3) expect(pages).toHaveLength(1);
			});

	it('cuts a long workshop name and plan title in the running lines, and long words in cells', async () => {
		const input = planInput(5, false);
		input.workshopTitle =
			'Bootcamp d’éducation civique de la commune urbaine de Maradi I, avec les conseillers municipaux et les leaders de jeunesse des trois communes du département';
		input.title = `Plan d’action local de Maradi I — ${'version de travail '.repeat(12)}`;
		input.actions[1] = { ...input.actions[1], title: LONG_WORD, owner: LONG_WORD };
		const pdf = await exportPlanPdf(input, DEJAVU);
		const pages = pdfPages(pdf);
		expect(overlaps(pages)).toEqual([]);
		expect(outsideMargins(pages, PLAN_MARGIN)).toEqual([]);
		const header = pages[0].runs.find((r) => r.text.startsWith('Commune de Maradi'));
		expect(header?.text.endsWith('…')).toBe(true);
		// Cut across lines, each piece but the last ending with a hyphen.
		expect(pdfText(pdf).replace(/-\s*|\s+/g, '')).toContain(LONG_WORD);
		expect(pdfText(pdf)).toMatch(/Anticon\S*-/);
	});

	// 6 and 14 actions: the totals and signature fit below the last row; 7 and 13: they do not,
	// and the last row goes over with them (found by exporting every plan from 1 to 30 actions).
	it('never leaves the signature alone on a page, whatever the number of actions', async () => {
		for (const count of [6, 7, 13, 14]) {
			const pages = pdfPages(await exportPlanPdf(planInput(count, false), DEJAVU));
			const [page, ...others] = signaturePages(pages, false);
			for (const other of others) expect(other, `${count} actions`).toBe(page);
			expect(find(pages, `Action ${count} :`)[0].page, `${count} actions`).toBe(page);
			expect(overlaps(pages), `${count} actions`).toEqual([]);
		}
	});
});

describe('the action plan DOCX', () => {
	it('keeps the grand total with the signature block, which Word never splits', async () => {
		const docx = await exportPlanDocx(planInput(3, false));
		const paragraphs = docxParagraphs(docx);
		const total = paragraphs.findIndex((p) => p.text === 'Total général');
		const signature = paragraphs.findIndex((p) => p.text === 'Lu et approuvé');
		expect(total).toBeGreaterThan(0);
		expect(signature).toBeGreaterThan(total);
		// Every paragraph from the grand total to the signature keeps with the next.
		for (const p of paragraphs.slice(total, signature)) expect(p.keepNext, p.text).toBe(true);
		const document = zipEntry(docx, 'word/document.xml');
		const lastTable = document.slice(document.lastIndexOf('<w:tbl>'));
		expect(lastTable).toContain('Lu et approuvé');
		expect(lastTable).toMatch(/<w:cantSplit\s*\/>/);
	});
});
