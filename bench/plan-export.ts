// Action plan export benchmark: a plan of 200 actions with long descriptions, exported as PDF
// and DOCX ~10 times each (median, p95), next to references in the same run: the same plan at
// 20 actions, and the charter PDF export of a long charter (60 articles). Each PDF is made with
// the embedded DejaVu Sans (when the system has it: what the server uses) and with the standard
// Helvetica. The input is built as the server builds it (Y.Doc → readActions → totals); the
// database and HTTP are left out: they cost the same for every size. Figures go to
// docs/performance.md. Not a test.
//
// Run from the repository root (after `npm run i18n:compile`; the bundle must sit under
// node_modules/ so that its external packages resolve):
//   npx esbuild bench/plan-export.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-plan-export.mjs && node node_modules/.cache/bench-plan-export.mjs
// Options: --runs=10
import os from 'node:os';
import * as Y from 'yjs';
import { appendActions, readActions } from '../src/lib/server/plans/read-plan';
import { budgetTotals, type PlanAction } from '../src/lib/domain/action-plan';
import { exportPlanPdf } from '../src/lib/server/documents/export-plan-pdf';
import { exportPlanDocx } from '../src/lib/server/documents/export-plan-docx';
import { exportPdf } from '../src/lib/server/documents/export-pdf';
import { loadPdfFonts, STANDARD_FONTS, type PdfFonts } from '../src/lib/server/documents/pdf-fonts';
import type { PlanExportInput } from '../src/lib/server/documents/plan-export-input';
import type { Block } from '../src/lib/server/documents/document-tree';
import { translate } from '../src/lib/server/i18n';

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 10);

const WORDS =
	'le comité de gestion du forage réunit chaque mois les usagers du quartier pour fixer le prix ' +
	'de l’eau suivre les pannes et rendre compte à la mairie des recettes et des dépenses engagées';
/** ~120 words over three paragraphs: a long description as a workshop types it. */
function description(i: number) {
	const words = WORDS.split(' ');
	const paragraph = (n: number) =>
		Array.from({ length: 40 }, (_, k) => words[(i * 7 + n * 13 + k) % words.length]).join(' ');
	return [paragraph(0), paragraph(1), `Quartier Ɗan Ƙasa, tranche ${i}. ${paragraph(2)}`].join(
		'\n'
	);
}

const AXES = ['Eau et assainissement', 'Éducation', 'Santé', 'Économie locale', 'Gouvernance'];
const FUNDING = ['Budget communal', 'PTF', 'ANFICT', 'Contribution des usagers'];

function planInput(count: number): PlanExportInput {
	const doc = new Y.Doc();
	const inputs: (Partial<PlanAction> & { id: string })[] = Array.from(
		{ length: count },
		(_, i) => ({
			id: `a${i}`,
			title: `Action ${i + 1} — réhabiliter l’ouvrage n° ${i + 1} du quartier Sabon Gari`,
			description: description(i),
			owner: i % 2 ? 'Service communal de l’hydraulique' : 'Association Ɗan Ƙasa',
			partners: 'ONG Tarbiyya, Union des commerçants, APE de l’école Dan Goulbi',
			budget: 250_000 * (i + 1),
			funding: FUNDING[i % FUNDING.length],
			start: '2027-01-15',
			deadline: '2027-12-31',
			indicator: 'Ouvrages fonctionnels et comités formés',
			baseline: String(i % 4),
			target: String((i % 4) + 3),
			axis: AXES[i % AXES.length],
			priority: (['high', 'medium', 'low'] as const)[i % 3],
			status: (['not_started', 'in_progress', 'done', 'abandoned'] as const)[i % 4]
		})
	);
	appendActions(doc, inputs);
	const actions = readActions(doc);
	doc.destroy();
	const approvedAt = new Date('2026-11-22T10:00:00Z');
	return {
		documentId: '00000000-0000-0000-0000-000000000000',
		title: "Plan d'Action Local de Maradi I",
		workshopTitle: 'Collaborathon de Maradi',
		commune: 'Maradi I',
		dateLabel: '22 novembre 2026',
		locale: 'fr',
		version: 'approved',
		hash: 'e62cb0ef7f57a1b2c3d4',
		exportedAt: approvedAt,
		currency: 'FCFA',
		axes: AXES,
		actions,
		totals: budgetTotals(actions),
		approval: {
			submissionId: 's',
			versionId: 'v',
			hash: 'e62cb0ef7f57a1b2c3d4',
			signatoryName: 'Moussa Ibrahim',
			signatoryTitle: 'Maire de la commune de Maradi I',
			statement: 'Le conseil communal adopte ce plan.',
			approvedAt,
			current: true
		},
		signed: true,
		followups: {},
		t: (key, params) => translate(`export_${key}`, 'fr', params)
	};
}

function longCharter(): Block[] {
	const text = (s: string) => [{ text: s, marks: {} }];
	const blocks: Block[] = [];
	for (let i = 1; i <= 60; i++) {
		blocks.push({ type: 'heading', level: 2, content: text(`Article ${i} — Disposition ${i}`) });
		for (let p = 0; p < 3; p++)
			blocks.push({ type: 'paragraph', content: text(description(i + p)) });
	}
	return blocks;
}

/**
 * Wall time and this process's CPU time per export. On a machine shared with other work the
 * wall time includes waiting for a core; the CPU time is what the export itself costs.
 */
async function time(label: string, run: () => Promise<Buffer>) {
	const size = (await run()).length; // warm-up, not counted
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		const cpuStart = process.cpuUsage();
		await run();
		const used = process.cpuUsage(cpuStart);
		wall.push(performance.now() - start);
		cpu.push((used.user + used.system) / 1000);
	}
	const pick = (samples: number[], q: number) => {
		const sorted = [...samples].sort((a, b) => a - b);
		return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	};
	const ms = (n: number) => n.toFixed(0).padStart(5);
	console.log(
		`${label.padEnd(42)} wall median ${ms(pick(wall, 0.5))} ms  p95 ${ms(pick(wall, 0.95))} ms` +
			`   cpu median ${ms(pick(cpu, 0.5))} ms  p95 ${ms(pick(cpu, 0.95))} ms` +
			`   ${(size / 1024).toFixed(0).padStart(4)} KiB`
	);
}

const embedded = loadPdfFonts();
const fontSets: [string, PdfFonts][] = [
	...(embedded.kind === 'embedded' ? [['DejaVu', embedded] as [string, PdfFonts]] : []),
	['Helvetica', STANDARD_FONTS]
];
console.log(
	`plan export bench — ${os.cpus().length} cores, Node ${process.version}, load ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}, ${RUNS} runs each (+1 warm-up)`
);
const big = planInput(200);
const small = planInput(20);
const charter = {
	title: 'Charte de la citoyenneté de Maradi',
	workshopTitle: 'Collaborathon de Maradi',
	commune: 'Maradi I',
	dateLabel: '22 novembre 2026',
	blocks: longCharter()
};
for (const [name, fonts] of fontSets) {
	await time(`PDF plan 200 actions (${name})`, () => exportPlanPdf(big, fonts));
	await time(`PDF plan 20 actions (${name}) [ref]`, () => exportPlanPdf(small, fonts));
	await time(`PDF charter 60 articles (${name}) [ref]`, () => exportPdf(charter, fonts));
}
await time('DOCX plan 200 actions', () => exportPlanDocx(big));
await time('DOCX plan 20 actions [ref]', () => exportPlanDocx(small));
console.log(
	`load after: ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}`
);
