// The report's layout (labels, empty sections, outcomes) and its PDF/DOCX writers on long tables.
import { describe, expect, it } from 'vitest';
import { budgetTotals, type PlanAction } from '../../src/lib/domain/action-plan';
import { inclusionStats } from '../../src/lib/domain/inclusion-stats';
import type { PollResults } from '../../src/lib/protocol/polls';
import { composeReport } from '../../src/lib/server/report/compose';
import type { ReportData, ReportItem } from '../../src/lib/server/report/report-model';
import { reportDocx } from '../../src/lib/server/report/report-docx';
import { reportPdf } from '../../src/lib/server/report/report-pdf';
import { docxParagraphs, pdfPages, pdfText, zipEntry } from '../helpers/file-text';
import { consolidatedFixture } from '../helpers/consolidated-fixture';
import { p } from '../helpers/document-fixtures';
import { outsideMargins, overlaps } from '../helpers/pdf-layout';

const action = (over: Partial<PlanAction>): PlanAction => ({
	id: crypto.randomUUID(),
	title: 'Action',
	description: '',
	owner: '',
	partners: '',
	budget: null,
	currency: 'FCFA',
	funding: '',
	start: '',
	deadline: '',
	indicator: '',
	baseline: '',
	target: '',
	axis: '',
	priority: '',
	status: 'not_started',
	...over
});

const poll = (over: Partial<PollResults>): PollResults => ({
	pollId: crypto.randomUUID(),
	question: 'Adopter la charte ?',
	method: 'consent',
	status: 'published',
	secret: false,
	hidden: false,
	totalBallots: 6,
	eligible: 9,
	quorum: null,
	quorumMet: true,
	options: [],
	openedAt: 0,
	closedAt: 0,
	publishedAt: 0,
	...over
});

function data(over: Partial<ReportData> = {}): ReportData {
	const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
	return {
		workshopId: 'w',
		locale: 'en',
		workshop: { title: 'Tahoua forum', commune: null, quartier: null, date: Date.UTC(2026, 4, 2) },
		generatedAt: Date.UTC(2026, 4, 3),
		rounds: [],
		attendance: inclusionStats({
			profiles: ids.map((memberId, i) => ({
				memberId,
				gender: i < 3 ? 'woman' : 'man',
				ageBracket: '50_plus'
			})),
			present: ids,
			spoke: {},
			voted: [],
			wrote: []
		}),
		decisions: [],
		charters: [],
		plans: [],
		documents: [],
		...over
	};
}

const texts = (items: ReportItem[]) =>
	items.flatMap((i) =>
		i.kind === 'table'
			? [i.header.join('|'), ...i.rows.map((r) => r.join('|'))]
			: 'text' in i
				? [i.text]
				: []
	);

describe('the report layout', () => {
	it('says so when a section is empty, in the workshop language', () => {
		const report = composeReport(data());
		expect(report.title).toBe('Minutes — Tahoua forum');
		const lines = texts(report.items);
		expect(lines).toContain('Place: not given');
		for (const empty of ['No agenda.', 'No published vote.', 'No charter.', 'No action plan.'])
			expect(lines).toContain(empty);
		// Six present, three women: both declared counts hidden; nobody under 35 is shown as 0.
		expect(lines.filter((l) => l.startsWith('Present|'))).toEqual(['Present|6|< 5|0 (0%)']);
	});

	it('gives consent outcomes, ties and missed quorums their own words', () => {
		const lines = texts(
			composeReport(
				data({
					decisions: [
						poll({ adopted: true }),
						poll({
							question: 'Which well first?',
							method: 'single',
							winner: null,
							quorumMet: false,
							options: [
								{ id: 'x', label: 'North', count: 3, rank: 1 },
								{ id: 'y', label: 'South', count: 3, rank: 1 }
							]
						})
					]
				})
			).items
		);
		expect(lines).toContain('Result: adopted');
		expect(lines).toContain('Result: no option carried (tie or no vote)');
		expect(lines).toContain('Quorum not reached.');
		expect(lines).toContain('North|3|1');
	});

	it('totals a plan by axis, actions without an axis last, and counts those without a budget', () => {
		const actions = [
			action({ axis: 'Water', budget: 1000 }),
			action({ axis: '', budget: 500 }),
			action({ axis: 'Health', budget: null })
		];
		const lines = texts(
			composeReport(
				data({
					plans: [
						{
							title: 'Plan',
							basis: 'approved',
							status: 'approved',
							actions,
							totals: budgetTotals(actions)
						}
					]
				})
			).items
		);
		expect(lines).toContain('Status: approved · 3 actions');
		const table = lines.slice(lines.indexOf('PDC axis|Budget'));
		expect(table.slice(1, 4)).toEqual([
			'Water|1,000 FCFA',
			'(no axis)|500 FCFA',
			'Total|1,500 FCFA'
		]);
		expect(lines).toContain('1 action without a budget figure.');
	});
});

describe('the charter in the report', () => {
	const charter = (consolidated: ReturnType<typeof consolidatedFixture> | null) =>
		data({
			locale: 'fr',
			charters: [
				{
					title: 'Charte de la citoyenneté',
					source: { kind: 'locked' },
					blocks: [p('Texte intégral de la charte, tel que saisi.')],
					consolidated
				}
			]
		});

	it('prints the consolidated charter when an article was adopted: vote lines and amendments, not the full text', () => {
		const lines = texts(composeReport(charter(consolidatedFixture(3))).items);
		expect(lines).toContain(
			'Charte consolidée : articles adoptés, avec le résultat de leur vote, puis les amendements mis aux voix ou retirés.'
		);
		expect(lines).toContain('Article 1 — Objet de la charte');
		expect(lines).toContain(
			'Adopté le 12\u00a0mars\u00a02027 par 41 voix pour, 3 contre et 2 abstentions.'
		);
		expect(lines).toContain('Avec les amendements de Aïcha Moussa.');
		expect(lines).toContain('Article|Nature|Auteur|Résultat|Pour|Contre|Abstention');
		expect(lines).not.toContain('Texte verrouillé (adopté).');
		const blocks = composeReport(charter(consolidatedFixture(3))).items.filter(
			(i) => i.kind === 'blocks'
		);
		expect(JSON.stringify(blocks)).not.toContain('Texte intégral');
	});

	it('prints the full text as before when no article was adopted', () => {
		const none = { ...consolidatedFixture(3), articles: [] };
		for (const consolidated of [none, null]) {
			const report = composeReport(charter(consolidated));
			expect(texts(report.items)).toContain('Texte verrouillé (adopté).');
			expect(JSON.stringify(report.items)).toContain('Texte intégral de la charte');
			expect(texts(report.items).some((l) => l.startsWith('Adopté le'))).toBe(false);
		}
	});

	it('reads back from the PDF and the Word file with the vote lines', async () => {
		const report = composeReport(charter(consolidatedFixture(4)));
		const pdf = await reportPdf(report);
		const pages = pdfPages(pdf);
		expect(overlaps(pages)).toEqual([]);
		expect(outsideMargins(pages, 56)).toEqual([]);
		expect(pdfText(pdf).replace(/\s+/g, '')).toContain(
			'Adoptéle12mars2027par41voixpour,3contreet2abstentions.'
		);
		const paragraphs = docxParagraphs(await reportDocx(report)).map((x) => x.text);
		expect(paragraphs).toContain(
			'Adopté le 12\u00a0mars\u00a02027 par 41 voix pour, 3 contre et 2 abstentions.'
		);
		expect(paragraphs).toContain('Article 4 — Suivi de la charte');
		if (process.env.CONSOLIDATED_OUT) {
			const { writeFileSync } = await import('node:fs');
			writeFileSync(`${process.env.CONSOLIDATED_OUT}/report-consolidated.pdf`, pdf);
		}
	});
});

describe('the report writers', () => {
	const long = data({
		locale: 'fr',
		rounds: Array.from({ length: 70 }, (_, i) => ({
			title: `Séquence numéro ${i + 1}`,
			kind: 'discussion' as const,
			durationSeconds: 600,
			startedAt: null,
			endedAt: null
		}))
	});

	it('breaks a long table across pages, repeating its header row', async () => {
		const text = pdfText(await reportPdf(composeReport(long)));
		expect(text).toContain('Séquence numéro 1Discussion');
		expect(text).toContain('Séquence numéro 70Discussion');
		expect(text.split('#SéquenceTypePrévuDébutFinDurée réelle').length - 1).toBeGreaterThan(1);
	});

	it('writes the same rows into a Word table', async () => {
		const xml = zipEntry(await reportDocx(composeReport(long)), 'word/document.xml');
		expect(xml).toContain('<w:tbl>');
		expect(xml).toContain('<w:tblHeader/>');
		expect(xml).toContain('Séquence numéro 70');
	});
});
