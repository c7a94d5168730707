import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant } from '../helpers/fixtures';
import { HttpClient } from '../helpers/http-client';
import { createCollabClients, documentText, typeParagraph } from '../helpers/collab-client';
import { pdfText, zipEntry } from '../helpers/file-text';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { CHARTER_TITLE, observerOf, workshopWithCharter } from './documents-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

type Version = { id: string; name: string };
type Diff = {
	parts: Array<{ op: string; text: string }>;
	rows: Array<{
		kind: { type: string; level?: number };
		parts: Array<{ op: string; text: string }>;
	}>;
};

/** Writes, through a real client, a small document whose Markdown we know exactly. */
function writeKnownDocument(doc: Y.Doc) {
	const heading = new Y.XmlElement('heading');
	heading.setAttribute('level', 2 as unknown as string);
	heading.insert(0, [new Y.XmlText('Article 1 — Eau potable')]);
	const paragraph = new Y.XmlElement('paragraph');
	const text = new Y.XmlText();
	text.applyDelta([
		{ insert: 'Chaque quartier a ' },
		{ insert: 'une borne-fontaine', attributes: { bold: {} } },
		{ insert: ' (voir ' },
		{ insert: 'le plan', attributes: { link: { href: 'https://example.org/plan' } } },
		{ insert: ').' }
	]);
	paragraph.insert(0, [text]);
	const list = new Y.XmlElement('bulletList');
	list.insert(
		0,
		['Entretien mensuel', 'Comité de gestion'].map((line) => {
			const item = new Y.XmlElement('listItem');
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText(line)]);
			item.insert(0, [p]);
			return item;
		})
	);
	doc.getXmlFragment('default').insert(0, [heading, paragraph, list]);
}

const KNOWN_MARKDOWN = `# ${CHARTER_TITLE}

### Article 1 — Eau potable

Chaque quartier a **une borne-fontaine** (voir [le plan](https://example.org/plan)).

- Entretien mensuel
- Comité de gestion
`;

describe('versions, diff and exports of a document', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('saves named versions, shows one read-only, diffs two, and restores one as a new change', async () => {
		const setup = await workshopWithCharter(server);
		const fac = setup.facilitator.client;
		const base = `/api/documents/${setup.documentId}`;
		const v1 = await fac.json<Version>(`${base}/versions`, {
			method: 'POST',
			json: { name: 'Fin de la manche 1' }
		});
		expect(v1.status).toBe(201);

		const amina = await joinedParticipant(server, setup.workshop.code, 'Amina');
		const a = clients.connect(server.url, setup.documentId, amina.client.cookieHeader);
		await a.synced();
		typeParagraph(a.doc, 'Article 5 — Budget participatif');
		await waitFor(
			async () => {
				const md = await fac.request(`${base}/export?format=md`);
				return (await md.text()).includes('Budget participatif');
			},
			5_000,
			{ description: 'the server receiving the new article' }
		);
		const v2 = await fac.json<Version>(`${base}/versions`, {
			method: 'POST',
			json: { name: 'Fin de la manche 2' }
		});
		const refused = await amina.client.json(`${base}/versions`, {
			method: 'POST',
			json: { name: 'Pas autorisé' }
		});
		expect(refused.status).toBe(403);

		const list = await amina.client.json<Version[]>(`${base}/versions`);
		expect(list.body.map((v) => v.name).sort()).toEqual([
			'Fin de la manche 1',
			'Fin de la manche 2'
		]);
		const shown = await amina.client.json<{ html: string }>(`${base}/versions/${v1.body.id}`);
		expect(shown.body.html).toContain('<h2>Article 1 — Objet de la charte</h2>');
		expect(shown.body.html).not.toContain('Budget participatif');

		const diff = await amina.client.json<Diff>(`${base}/diff?from=${v1.body.id}&to=${v2.body.id}`);
		expect(diff.status).toBe(200);
		expect(
			diff.body.parts
				.filter((p) => p.op === 'added')
				.map((p) => p.text)
				.join('')
		).toContain('Article 5 — Budget participatif');
		expect(diff.body.parts.some((p) => p.op === 'removed')).toBe(false);
		// Line by line, each line keeps its kind: the template's articles are still headings.
		expect(diff.body.rows).toContainEqual({
			kind: { type: 'heading', level: 2 },
			parts: [{ op: 'equal', text: 'Article 1 — Objet de la charte' }]
		});
		expect(diff.body.rows.at(-1)).toEqual({
			kind: { type: 'paragraph' },
			parts: [{ op: 'added', text: 'Article 5 — Budget participatif' }]
		});

		const restored = await fac.json(`${base}/versions/${v1.body.id}/restore`, { method: 'POST' });
		expect(restored.status).toBe(200);
		await waitFor(() => !documentText(a.doc).includes('Budget participatif'), 5_000, {
			description: 'the participant seeing the restored text'
		});
		expect(documentText(a.doc)).toContain('Article 1 — Objet de la charte');
		const after = await amina.client.json<Version[]>(`${base}/versions`);
		expect(after.body).toHaveLength(2);
		const back = await amina.client.json<Diff>(`${base}/diff?from=${v1.body.id}&to=current`);
		expect(back.body.parts.every((p) => p.op === 'equal')).toBe(true);
		const actions = (await server.app.audit.list(setup.workshop.id)).map((e) => e.action);
		expect(actions.filter((a) => a === 'document.version_save')).toHaveLength(2);
		expect(actions).toContain('document.version_restore');
	});

	it('exports a known document as the expected Markdown, and as HTML', async () => {
		const setup = await workshopWithCharter(server, false);
		const f = clients.connect(server.url, setup.documentId, setup.facilitator.client.cookieHeader);
		await f.synced();
		writeKnownDocument(f.doc);
		const base = `/api/documents/${setup.documentId}/export`;
		const md = await waitFor(
			async () => {
				const res = await setup.facilitator.client.request(`${base}?format=md`);
				const text = await res.text();
				return text.includes('Comité de gestion') ? { res, text } : null;
			},
			5_000,
			{ description: 'the export reflecting the edit' }
		);
		expect(md.res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		expect(md.text).toBe(KNOWN_MARKDOWN);
		const html = await (await setup.facilitator.client.request(`${base}?format=html`)).text();
		expect(html).toContain('<h2>Article 1 — Eau potable</h2>');
		expect(html).toContain(
			'<strong>une borne-fontaine</strong> (voir <a href="https://example.org/plan" rel="noopener noreferrer nofollow">le plan</a>).'
		);
		expect(html).toContain('<ul><li><p>Entretien mensuel</p></li>');
	});

	it('exports the charter as an A4 PDF and a DOCX naming the workshop and every article', async () => {
		const setup = await workshopWithCharter(server);
		const base = `/api/documents/${setup.documentId}/export`;
		const pdfRes = await setup.facilitator.client.request(`${base}?format=pdf`);
		expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
		const pdf = Buffer.from(await pdfRes.arrayBuffer());
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
		const text = pdfText(pdf).replace(/\s+/g, ' ');
		expect(text).toContain(CHARTER_TITLE);
		expect(text).toContain('Collaborathon de Maradi · Maradi I');
		for (const article of [
			'Préambule',
			'Article 1 — Objet de la charte',
			'Article 4 — Suivi et révision'
		])
			expect(text).toContain(article);

		const docxRes = await setup.facilitator.client.request(`${base}?format=docx`);
		expect(docxRes.headers.get('content-disposition')).toContain(
			'charte-de-la-citoyennete-de-maradi.docx'
		);
		const xml = zipEntry(Buffer.from(await docxRes.arrayBuffer()), 'word/document.xml');
		expect(xml).toContain(CHARTER_TITLE);
		expect(xml).toContain('Article 1 — Objet de la charte');
		expect(xml).toContain('Article 3 — Participation à la vie communale');
		expect(xml).toContain('w:val="Heading2"');
	});

	it('keeps exports to members until the document is published', async () => {
		const setup = await workshopWithCharter(server);
		const observer = await observerOf(server, setup);
		const anonymous = new HttpClient(server.url);
		const path = `/api/documents/${setup.documentId}/export?format=md`;
		expect((await observer.client.request(path)).status).toBe(200);
		expect((await anonymous.request(path)).status).toBe(401);
		expect((await anonymous.request(`${path.replace('md', 'odt')}`)).status).toBe(400);
		await setup.facilitator.client.json(`/api/documents/${setup.documentId}/publish`, {
			method: 'POST'
		});
		const open = await anonymous.request(path);
		expect(open.status).toBe(200);
		expect(await open.text()).toContain('Article 2 — Droits et devoirs des citoyens');
	});
});
