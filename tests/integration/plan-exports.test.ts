import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { HttpClient } from '../helpers/http-client';
import { pdfText, zipEntry } from '../helpers/file-text';
import { parseCsv } from '../helpers/csv-parse';
import { startTestServer } from '../helpers/test-server';
import { appendActions } from '../../src/lib/server/plans/read-plan';
import { planReviews, planSubmissions } from '../../src/lib/server/db/schema';
import type { PlanAction } from '../../src/lib/domain/action-plan';

const PLAN_TITLE = "Plan d'Action Local de Maradi I";

type Input = Partial<PlanAction> & { id: string; title: string };
const ACTIONS: Input[] = [
	{
		id: 'forage',
		title: 'Réhabiliter le forage de Sabon Gari',
		description: 'Remplacer la pompe et former le comité de gestion.',
		owner: 'Service communal de l’hydraulique',
		partners: 'Association Ɗan Ƙasa, ONG Tarbiyya',
		budget: 1_500_000,
		funding: 'Budget communal',
		start: '2027-01-15',
		deadline: '2027-06-30',
		indicator: 'Forages fonctionnels',
		baseline: '2',
		target: '5',
		axis: 'Eau et assainissement',
		priority: 'high',
		status: 'in_progress'
	},
	{
		id: 'latrines',
		title: 'Construire des latrines à l’école de Dan Goulbi',
		description: 'Deux blocs de trois cabines, séparés filles et garçons.',
		owner: 'Direction de l’école',
		partners: 'APE',
		budget: 2_750_000,
		funding: 'PTF',
		start: '2027-02-01',
		deadline: '2027-09-30',
		indicator: 'Blocs construits',
		baseline: '0',
		target: '2',
		axis: 'Eau et assainissement',
		priority: 'medium',
		status: 'not_started'
	},
	{
		id: 'marche',
		title: 'Éclairage solaire du marché',
		description: 'Dix lampadaires; "entretien" assuré par les commerçants.',
		owner: 'Mairie',
		partners: 'Union des commerçants',
		budget: 4_000_000,
		funding: 'Budget communal',
		start: '2027-03-01',
		deadline: '2027-12-31',
		indicator: 'Lampadaires en service',
		baseline: '0',
		target: '10',
		axis: 'Économie locale',
		priority: 'low',
		status: 'done'
	},
	{
		id: 'sans-budget',
		title: 'Comité de suivi citoyen',
		owner: 'Conseil communal',
		axis: 'Gouvernance',
		status: 'not_started'
	}
];

const SIGNATORY = {
	signatoryName: 'Moussa Ibrahim',
	signatoryTitle: 'Maire de la commune de Maradi I',
	statement: 'Le conseil communal adopte ce plan et en suivra la mise en œuvre.'
};

/** Text with every run of blanks (no-break spaces included) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
/**
 * Blanks removed on both sides: a PDF table cell draws each wrapped line as its own text
 * operator, so the space where a line wrapped is not in the extracted text.
 */
const squash = (text: string) => text.replace(/\s+/g, '');
const pdfHas = (text: string, expected: string) => expect(squash(text)).toContain(squash(expected));

describe('action plan exports (PDF, DOCX, CSV, JSON)', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	async function planWith(actions: Input[]) {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'action_plan', title: PLAN_TITLE } }
		);
		expect(created.status).toBe(201);
		const documentId = created.body.id;
		await server.app.liveDocuments.editDoc(documentId, (doc) => appendActions(doc, actions));
		return { workshop, facilitator, documentId };
	}

	/** Freezes the live plan and approves it, as the review service records it. */
	async function approve(setup: Awaited<ReturnType<typeof planWith>>) {
		const version = await server.app.documentContent.saveVersion(
			setup.facilitator.user,
			setup.documentId,
			{ name: 'Soumission 1' }
		);
		const db = server.app.database.db;
		const [submission] = await db
			.insert(planSubmissions)
			.values({
				documentId: setup.documentId,
				versionId: version.id,
				hash: version.hash,
				status: 'approved',
				submittedBy: setup.facilitator.user.id,
				decidedAt: new Date()
			})
			.returning();
		await db.insert(planReviews).values({
			submissionId: submission.id,
			documentId: setup.documentId,
			hash: version.hash,
			reviewerUserId: setup.facilitator.user.id,
			decision: 'approve',
			...SIGNATORY
		});
		return version;
	}

	async function download(client: HttpClient, path: string) {
		const res = await client.request(path);
		expect(res.status, await res.clone().text()).toBe(200);
		return { res, body: Buffer.from(await res.arrayBuffer()) };
	}

	it('prints the approved plan as a landscape A4 PDF: header, actions, totals, signature, page numbers', async () => {
		const setup = await planWith(ACTIONS);
		const version = await approve(setup);
		const { res, body } = await download(
			setup.facilitator.client,
			`/api/documents/${setup.documentId}/export?format=pdf`
		);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toContain('plan-d-action-local-de-maradi-i.pdf');
		expect(body.subarray(0, 5).toString()).toBe('%PDF-');
		expect(body.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.8\d* 595\.2\d*\]/);
		const text = flat(pdfText(body));
		pdfHas(text, 'Commune de Maradi I · Collaborathon de Maradi');
		pdfHas(text, PLAN_TITLE);
		for (const action of ACTIONS) pdfHas(text, action.title);
		pdfHas(text, 'Responsable');
		pdfHas(text, '1 500 000 FCFA');
		pdfHas(text, '15/01/2027 – 30/06/2027');
		pdfHas(text, '2 → 5');
		pdfHas(text, 'En cours');
		// Totals: by axis, by funding source, grand total, and the action without a budget.
		pdfHas(text, 'Eau et assainissement 4 250 000 FCFA');
		pdfHas(text, 'Économie locale 4 000 000 FCFA');
		pdfHas(text, 'Budget communal 5 500 000 FCFA');
		pdfHas(text, 'PTF 2 750 000 FCFA');
		pdfHas(text, 'Total général 8 250 000 FCFA');
		pdfHas(text, 'Actions sans budget chiffré : 1');
		// The signature block names the signatory and the approved version.
		pdfHas(text, 'Approuvé par Moussa Ibrahim Maire de la commune de Maradi I');
		pdfHas(text, `« ${SIGNATORY.statement} »`);
		pdfHas(text, `empreinte ${version.hash.slice(0, 12)}`);
		expect(squash(text)).not.toContain(squash('Lu et approuvé'));
		const pages = Number(/Page 1 \/ (\d+)/.exec(text)?.[1]);
		expect(pages).toBeGreaterThanOrEqual(1);
		pdfHas(text, `Page ${pages} / ${pages}`);
		// Hausa letters, drawn with the DejaVu Sans shipped with the app.
		pdfHas(text, 'Association Ɗan Ƙasa');
	});

	it('breaks a long plan across pages with the header row repeated and numbers them', async () => {
		const many: Input[] = Array.from({ length: 40 }, (_, i) => ({
			id: `a${i}`,
			title: `Action numéro ${i + 1}`,
			description: 'Une description assez longue pour occuper plusieurs lignes du tableau. '.repeat(
				i === 7 ? 120 : 3
			),
			owner: 'Mairie',
			budget: 100_000,
			funding: 'Budget communal',
			axis: 'Gouvernance',
			status: 'not_started'
		}));
		const setup = await planWith(many);
		const { body } = await download(
			setup.facilitator.client,
			`/api/documents/${setup.documentId}/export?format=pdf`
		);
		const text = flat(pdfText(body));
		const pages = Number(/Page 1 \/ (\d+)/.exec(text)?.[1]);
		expect(pages).toBeGreaterThan(2);
		for (let page = 1; page <= pages; page++) pdfHas(text, `Page ${page} / ${pages}`);
		// The header row opens every page the table runs over (here, all but possibly the last).
		expect(squash(text).split('ResponsablePartenairesBudget').length - 1).toBeGreaterThanOrEqual(
			pages - 1
		);
		pdfHas(text, 'Action numéro 40');
		pdfHas(text, 'Total général 4 000 000 FCFA');
		// No approval yet: an empty block to sign by hand.
		pdfHas(text, 'Lu et approuvé Nom et prénom :');
		pdfHas(text, 'Signature et cachet :');
	});

	it('exports a DOCX with a real Word table, repeated header row, totals and the signature', async () => {
		const setup = await planWith(ACTIONS);
		const version = await approve(setup);
		const { res, body } = await download(
			setup.facilitator.client,
			`/api/documents/${setup.documentId}/export?format=docx`
		);
		expect(res.headers.get('content-disposition')).toContain(
			'plan-d-action-local-de-maradi-i.docx'
		);
		const xml = zipEntry(body, 'word/document.xml').replaceAll('\u00a0', ' ');
		expect(xml).toContain('<w:tbl>');
		expect(xml).toContain('<w:tblHeader/>');
		expect(xml).toContain('w:orient="landscape"');
		// One table row per action, plus the header row, in the actions table.
		const actionsTable = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
		expect(actionsTable.match(/<w:tr>|<w:tr /g)?.length).toBe(ACTIONS.length + 1);
		for (const action of ACTIONS) expect(xml).toContain(action.title.replace(/'/g, '&apos;'));
		expect(xml).toContain('Association Ɗan Ƙasa, ONG Tarbiyya');
		expect(xml).toContain('1 500 000 FCFA');
		expect(xml).toContain('Total général');
		expect(xml).toContain('8 250 000 FCFA');
		expect(xml).toContain(SIGNATORY.signatoryName);
		expect(xml).toContain(SIGNATORY.signatoryTitle);
		expect(xml).toContain(version.hash.slice(0, 12));
		const footer = zipEntry(body, 'word/footer1.xml');
		expect(footer).toContain('PAGE');
		expect(footer).toContain('NUMPAGES');
	});

	it('exports CSV (BOM, one row per action) and JSON that read back to the plan', async () => {
		const setup = await planWith(ACTIONS);
		const version = await approve(setup);
		const base = `/api/documents/${setup.documentId}/export`;
		const csv = await download(setup.facilitator.client, `${base}?format=csv`);
		expect(csv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const [header, ...rows] = parseCsv(csv.body.toString('utf8').slice(1));
		expect(rows).toHaveLength(ACTIONS.length);
		const records = rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
		ACTIONS.forEach((action, i) => {
			const record = records[i];
			expect(record.number).toBe(String(i + 1));
			expect(record.id).toBe(action.id);
			expect(record.title).toBe(action.title);
			expect(record.description).toBe(action.description ?? '');
			expect(record.partners).toBe(action.partners ?? '');
			expect(record.budget).toBe(action.budget === undefined ? '' : String(action.budget));
			expect(record.currency).toBe('FCFA');
			expect(record.start).toBe(action.start ?? '');
			expect(record.status).toBe(action.status);
			expect(record.plan_approved).toBe('yes');
			expect(record.approval_hash).toBe(version.hash);
		});
		expect(records[0].status_label).toBe('En cours');
		expect(records[0].priority_label).toBe('Haute');

		const json = await setup.facilitator.client.json<{
			document: { id: string; title: string };
			workshop: { commune: string };
			version: { kind: string; hash: string };
			actions: (PlanAction & { followup: unknown })[];
			totals: {
				total: Record<string, number>;
				byAxis: Record<string, Record<string, number>>;
				byFunding: Record<string, Record<string, number>>;
				withoutBudget: number;
			};
			approval: { signatoryName: string; hash: string; coversExport: boolean };
		}>(`${base}?format=json`);
		expect(json.status).toBe(200);
		expect(json.body.document).toMatchObject({ id: setup.documentId, title: PLAN_TITLE });
		expect(json.body.workshop.commune).toBe('Maradi I');
		expect(json.body.actions.map((a) => a.id)).toEqual(ACTIONS.map((a) => a.id));
		expect(json.body.actions[0]).toMatchObject({ ...ACTIONS[0], currency: 'FCFA', followup: null });
		expect(json.body.totals).toEqual({
			total: { FCFA: 8_250_000 },
			byAxis: {
				'Eau et assainissement': { FCFA: 4_250_000 },
				'Économie locale': { FCFA: 4_000_000 }
			},
			byFunding: { 'Budget communal': { FCFA: 5_500_000 }, PTF: { FCFA: 2_750_000 } },
			withoutBudget: 1
		});
		expect(json.body.approval).toMatchObject({
			signatoryName: SIGNATORY.signatoryName,
			hash: version.hash,
			coversExport: true
		});
	});

	it('exports the live plan by default and the approved version on ?version=approved', async () => {
		const setup = await planWith(ACTIONS.slice(0, 2));
		const base = `/api/documents/${setup.documentId}/export`;
		const fac = setup.facilitator.client;
		// No approval yet: there is no approved version to export.
		const none = await fac.json<{ error: { code: string; reason?: string; message: string } }>(
			`${base}?format=json&version=approved`
		);
		expect(none.status).toBe(404);
		expect(none.body.error.reason).toBe('no_approval');
		expect(none.body.error.message).toBe('Ce plan n’a pas encore de version approuvée.');
		expect((await fac.request(`${base}?format=json&version=latest`)).status).toBe(400);
		expect((await fac.request(`${base}?format=md`)).status).toBe(400);

		const version = await approve(setup);
		await server.app.liveDocuments.editDoc(setup.documentId, (doc) =>
			appendActions(doc, [ACTIONS[2]])
		);
		type Json = {
			version: { kind: string; hash: string };
			actions: { id: string }[];
			approval: { coversExport: boolean };
		};
		const live = await fac.json<Json>(`${base}?format=json`);
		expect(live.body.version.kind).toBe('current');
		expect(live.body.actions.map((a) => a.id)).toEqual(['forage', 'latrines', 'marche']);
		expect(live.body.approval.coversExport).toBe(false);
		const approved = await fac.json<Json>(`${base}?format=json&version=approved`);
		expect(approved.body.version).toEqual({ kind: 'approved', hash: version.hash });
		expect(approved.body.actions.map((a) => a.id)).toEqual(['forage', 'latrines']);
		expect(approved.body.approval.coversExport).toBe(true);

		// The live PDF does not print a signature under text that was not signed.
		const livePdf = flat(pdfText((await download(fac, `${base}?format=pdf`)).body));
		pdfHas(livePdf, 'Éclairage solaire du marché');
		pdfHas(livePdf, 'Lu et approuvé');
		pdfHas(livePdf, `par Moussa Ibrahim (empreinte ${version.hash.slice(0, 12)})`);
		const approvedPdf = flat(
			pdfText((await download(fac, `${base}?format=pdf&version=approved`)).body)
		);
		expect(squash(approvedPdf)).not.toContain(squash('Éclairage solaire du marché'));
		pdfHas(approvedPdf, 'Approuvé par Moussa Ibrahim');
		const csv = parseCsv(
			(await download(fac, `${base}?format=csv&version=approved`)).body.toString('utf8').slice(1)
		);
		expect(csv.slice(1).map((row) => row[1])).toEqual(['forage', 'latrines']);
	});

	it('keeps plan exports to the workshop’s members until the plan is published', async () => {
		const setup = await planWith(ACTIONS);
		const other = await workshopWithFacilitator(server);
		const outsider = await joinedParticipant(server, other.workshop.code, 'Zeinabou');
		const member = await joinedParticipant(server, setup.workshop.code, 'Amina');
		const anonymous = new HttpClient(server.url);
		const base = `/api/documents/${setup.documentId}/export`;
		for (const format of ['pdf', 'docx', 'csv', 'json']) {
			expect((await outsider.client.request(`${base}?format=${format}`)).status).toBe(404);
			expect((await other.facilitator.client.request(`${base}?format=${format}`)).status).toBe(404);
			expect((await anonymous.request(`${base}?format=${format}`)).status).toBe(401);
			expect((await member.client.request(`${base}?format=${format}`)).status).toBe(200);
		}
		const published = await setup.facilitator.client.json(
			`/api/documents/${setup.documentId}/publish`,
			{ method: 'POST' }
		);
		expect(published.status).toBe(200);
		const open = await anonymous.json<{ actions: { id: string }[] }>(`${base}?format=json`);
		expect(open.status).toBe(200);
		expect(open.body.actions).toHaveLength(ACTIONS.length);
		expect((await outsider.client.request(`${base}?format=csv`)).status).toBe(200);
	});

	it('lets anyone download the approved version of a plan, as its public follow-up page shows it, and nothing else', async () => {
		const setup = await planWith(ACTIONS);
		const anonymous = new HttpClient(server.url);
		const other = await workshopWithFacilitator(server);
		const outsider = await joinedParticipant(server, other.workshop.code, 'Zeinabou');
		const base = `/api/documents/${setup.documentId}/export`;
		// Before an approval: the same refusals as for any unpublished document.
		expect((await anonymous.request(`${base}?format=pdf&version=approved`)).status).toBe(401);
		expect((await outsider.client.request(`${base}?format=pdf&version=approved`)).status).toBe(
			404
		);

		await approve(setup);
		for (const format of ['pdf', 'docx', 'csv', 'json']) {
			const res = await anonymous.request(`${base}?format=${format}&version=approved`);
			expect(res.status, format).toBe(200);
			expect(res.headers.get('content-disposition'), format).toMatch(/^attachment;/);
		}
		const json = await outsider.client.json<{ version: { kind: string } }>(
			`${base}?format=json&version=approved`
		);
		expect(json.body.version.kind).toBe('approved');
		// The live plan stays the members' business.
		expect((await anonymous.request(`${base}?format=pdf`)).status).toBe(401);
		expect((await outsider.client.request(`${base}?format=json&version=current`)).status).toBe(
			404
		);
	});
});
