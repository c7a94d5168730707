import { describe, expect, it } from 'vitest';
import { exportPdf } from '../../src/lib/server/documents/export-pdf';
import { exportPlanPdf } from '../../src/lib/server/documents/export-plan-pdf';
import {
	FONT_DIRS,
	loadPdfFonts,
	pdfSafe,
	STANDARD_FONTS
} from '../../src/lib/server/documents/pdf-fonts';
import { budgetTotals, type PlanAction } from '../../src/lib/domain/action-plan';
import type { PlanExportInput } from '../../src/lib/server/documents/plan-export-input';
import { pdfText } from '../helpers/file-text';

const HAUSA = 'Ɗan Ƙasa da ƴan ɓangare';
const system = loadPdfFonts();

const charter = {
	title: `Charte de ${HAUSA}`,
	workshopTitle: 'Collaborathon de Maradi',
	commune: 'Maradi I',
	dateLabel: '22 novembre 2026',
	blocks: [{ type: 'paragraph' as const, content: [{ text: `Quartier ${HAUSA}`, marks: {} }] }]
};

function plan(): PlanExportInput {
	const action: PlanAction = {
		id: 'a',
		title: `Forage de ${HAUSA}`,
		description: '',
		owner: 'Mairie',
		partners: '',
		budget: 1_000,
		currency: 'FCFA',
		funding: '',
		start: '',
		deadline: '',
		indicator: '',
		baseline: '',
		target: '',
		axis: '',
		priority: '',
		status: 'not_started'
	};
	return {
		documentId: 'd',
		title: 'Plan',
		workshopTitle: 'Atelier',
		commune: null,
		dateLabel: '',
		locale: 'fr',
		version: 'current',
		hash: 'h',
		exportedAt: new Date(0),
		currency: 'FCFA',
		axes: [],
		actions: [action],
		totals: budgetTotals([action]),
		approval: null,
		signed: false,
		followups: {},
		t: (key) => key
	};
}

describe('PDF fonts for Hausa letters', () => {
	it('falls back to the standard fonts when no directory holds DejaVu Sans', () => {
		expect(loadPdfFonts([])).toEqual(STANDARD_FONTS);
		expect(loadPdfFonts(['/nonexistent/fonts'])).toEqual(STANDARD_FONTS);
	});

	it('folds the hooked letters for the standard fonts only', () => {
		expect(pdfSafe(STANDARD_FONTS, HAUSA)).toBe('Dan Kasa da yan bangare');
		expect(pdfSafe(STANDARD_FONTS, 'Élève à Niamey – « œuvre »')).toBe(
			'Élève à Niamey – « œuvre »'
		);
		expect(pdfSafe(STANDARD_FONTS, '2 → 5, Ǹ, 中')).toBe('2 -> 5, N, ?');
		expect(pdfSafe(system, HAUSA)).toBe(HAUSA);
	});

	it('prints folded names with Helvetica rather than missing glyphs', async () => {
		const charterText = pdfText(await exportPdf(charter, STANDARD_FONTS));
		expect(charterText).toContain('Quartier Dan Kasa da yan bangare');
		const planText = pdfText(await exportPlanPdf(plan(), STANDARD_FONTS)).replace(/\s+/g, '');
		expect(planText).toContain('ForagedeDanKasadayanbangare');
	});

	it('loads the DejaVu Sans shipped with the app (dejavu-fonts-ttf)', () => {
		expect(system.kind).toBe('embedded');
		expect(FONT_DIRS[0]).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf$/);
	});

	it('embeds DejaVu Sans and prints Ɗan Ƙasa as written in the charter and the plan', async () => {
		const charterPdf = await exportPdf(charter, system);
		expect(charterPdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
		const charterText = pdfText(charterPdf);
		expect(charterText).toContain(`Charte de ${HAUSA}`);
		expect(charterText).toContain(`Quartier ${HAUSA}`);
		// A table cell wraps each line into its own text operator: compare without blanks.
		const planText = pdfText(await exportPlanPdf(plan(), system)).replace(/\s+/g, '');
		expect(planText).toContain(`Forage de ${HAUSA}`.replace(/\s+/g, ''));
	});
});
