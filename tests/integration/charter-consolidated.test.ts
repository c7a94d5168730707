// The consolidated charter for real: articles voted from phones (one amended first, one adopted by
// hand), then the public page /charte/ID (404 until published), its PDF, DOCX and HTML, and the
// procès-verbal that prints it instead of the full text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { formatDate } from '../../src/lib/domain/locale-format';
import { HttpClient } from '../helpers/http-client';
import { docxParagraphs, pdfText } from '../helpers/file-text';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { castConsent, charterRoom, closePoll, propose, putToVote } from './charter-fixtures';

/** pdfText joins runs and a line may wrap anywhere: compare without spaces. */
const squeeze = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, '');

describe('the consolidated charter', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	async function adoptedCharter() {
		const room = await charterRoom(server, 3);
		const { facilitator, documentId, people, ids } = room;
		const fac = facilitator.client;
		const status = async (articleId: string) => {
			const res = await fac.json<{ articleId: string; status: string }[]>(
				`/api/documents/${documentId}/articles`
			);
			return res.body.find((a) => a.articleId === articleId)?.status;
		};
		// Article « Participation »: Moussa's amendment adopted, then the article, 2 for 1 against.
		const amendment = await propose(people[0].client, documentId, ids[2], {
			kind: 'replace',
			passage: 'une concertation publique par trimestre',
			text: 'deux concertations publiques par trimestre'
		});
		expect(amendment.status).toBe(201);
		const amendmentPoll = await putToVote(fac, documentId, ids[2], {
			amendmentId: amendment.body.amendmentId
		});
		await castConsent(people, amendmentPoll, ['for', 'for', 'abstain']);
		await closePoll(fac, amendmentPoll);
		await waitFor(
			async () =>
				(await fac.json<{ status: string }[]>(`/api/documents/${documentId}/amendments`)).body[0]
					?.status === 'adopted',
			5_000,
			{ description: 'amendment adopted' }
		);
		const articlePoll = await putToVote(fac, documentId, ids[2]);
		await castConsent(people, articlePoll, ['for', 'against', 'for']);
		await closePoll(fac, articlePoll);
		await waitFor(async () => (await status(ids[2])) === 'adopted', 5_000, {
			description: 'article adopted'
		});
		// Article « Suivi »: adopted by hand, no ballot.
		const byHand = await fac.json(`/api/documents/${documentId}/articles/${ids[3]}`, {
			method: 'PATCH',
			json: { status: 'adopted' }
		});
		expect(byHand.status, JSON.stringify(byHand.body)).toBe(200);
		return room;
	}

	/** Today as the vote line writes it: « 5 décembre 2026 », never broken across lines. */
	const today = () => formatDate(Date.now(), 'fr').replace(/ /g, '\u00a0');

	it('is a public page once published, with each adopted article renumbered and its vote line', async () => {
		const { facilitator, documentId } = await adoptedCharter();
		const visitor = new HttpClient(server.url);
		expect((await visitor.request(`/charte/${documentId}`)).status).toBe(404);
		expect((await visitor.request(`/charte/not-a-uuid`)).status).toBe(404);
		const published = await facilitator.client.json(
			`/api/documents/${documentId}/publish-charter`,
			{ method: 'POST', json: { published: true } }
		);
		expect(published.status).toBe(200);

		const page = await visitor.request(`/charte/${documentId}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Article 1 — Participation');
		expect(html).toContain('Article 2 — Suivi');
		expect(html).not.toContain('Objet de la charte</h2>');
		expect(html).toContain('deux concertations publiques par trimestre');
		expect(html).toContain(`Adopté le ${today()} par 2 voix pour, 1 contre et aucune abstention.`);
		expect(html).toContain(`Adopté le ${today()}, sans vote enregistré.`);
		expect(html).toContain('Avec les amendements de Moussa.');
		expect(html).toContain(`/api/documents/${documentId}/consolidated?format=pdf`);
		expect(html).toContain(`/api/documents/${documentId}/consolidated?format=docx`);
	});

	it('downloads as PDF, DOCX and HTML for anyone once published, and refuses another format', async () => {
		const { facilitator, documentId } = await adoptedCharter();
		const visitor = new HttpClient(server.url);
		const url = `/api/documents/${documentId}/consolidated`;
		expect((await visitor.request(`${url}?format=pdf`)).status).toBe(404);
		// A member reads the file before publication.
		const draft = await facilitator.client.request(`${url}?format=pdf`);
		expect(draft.status).toBe(200);
		await facilitator.client.json(`/api/documents/${documentId}/publish-charter`, {
			method: 'POST',
			json: { published: true }
		});

		const pdf = await visitor.request(`${url}?format=pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.pdf"/);
		const text = squeeze(pdfText(Buffer.from(await pdf.arrayBuffer())));
		expect(text).toContain(
			squeeze(`Adopté le ${today()} par 2 voix pour, 1 contre et aucune abstention.`)
		);
		expect(text).toContain(squeeze('Article 1 — Participation'));
		expect(text).toContain(squeeze('Amendements'));

		const docx = await visitor.request(`${url}?format=docx`);
		expect(docx.status).toBe(200);
		const paragraphs = docxParagraphs(Buffer.from(await docx.arrayBuffer())).map((p) => p.text);
		expect(paragraphs).toContain('Avec les amendements de Moussa.');

		const html = await visitor.request(`${url}?format=html`);
		expect(html.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await html.text()).toContain('<h2>Article 2 — Suivi</h2>');

		const wrong = await visitor.json<{ error: { field?: string } }>(`${url}?format=md`);
		expect(wrong.status).toBe(400);
		expect(wrong.body.error.field).toBe('format');
	});

	it('goes into the procès-verbal instead of the full text once an article is adopted', async () => {
		const { workshop, facilitator } = await adoptedCharter();
		const report = await facilitator.client.request(
			`/api/workshops/${workshop.id}/report?format=pdf`
		);
		expect(report.status).toBe(200);
		const text = squeeze(pdfText(Buffer.from(await report.arrayBuffer())));
		expect(text).toContain(
			squeeze(`Adopté le ${today()} par 2 voix pour, 1 contre et aucune abstention.`)
		);
		expect(text).toContain(squeeze('Article 1 — Participation'));
		// The article that was not adopted is not printed as adopted text.
		expect(text).not.toContain(squeeze('La présente charte fixe les engagements communs'));
		expect(text).not.toContain(squeeze('Texte en cours, ni verrouillé'));
		expect(text).toContain(squeeze('deux concertations publiques par trimestre'));
	});
});
