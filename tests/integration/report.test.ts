// The workshop report (procès-verbal): a workshop run for real over the API — a two-round agenda,
// a published poll, a locked charter, an action plan, members with profiles — then its minutes as
// PDF and DOCX, read back as text.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { auditLog } from '../../src/lib/server/db/schema';
import { appendActions } from '../../src/lib/server/plans/read-plan';
import { HttpClient } from '../helpers/http-client';
import { signedInAccount } from '../helpers/fixtures';
import { createCollabClients, typeParagraph } from '../helpers/collab-client';
import { pdfText, zipEntry } from '../helpers/file-text';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { command, createPoll, vote } from './polls-helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());
const clients = createCollabClients();
afterEach(() => clients.cleanup());

const woman = { gender: 'woman', ageBracket: '25_34' };
const man = { gender: 'man', ageBracket: '50_plus' };
const CHARTER_TEXT = 'Chaque quartier entretient sa borne-fontaine chaque mois.';

/** Spaces as a reader sees them: French numbers group digits with no-break spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The text of a DOCX body: tags dropped, the five XML entities decoded. */
const xmlText = (xml: string) =>
	xml
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');

async function ranWorkshop() {
	const facilitator = await signedInAccount(server);
	const created = await facilitator.client.json<{ id: string; code: string }>('/api/workshops', {
		method: 'POST',
		json: {
			title: 'Cadre de concertation de Maradi',
			kind: 'collaborathon',
			commune: 'Maradi I',
			startsAt: '2026-03-14T08:00:00.000Z'
		}
	});
	expect(created.status).toBe(201);
	const workshop = created.body;
	const fac = facilitator.client;

	// Seven participants: four women under 35, three men over 35.
	const members: Array<{ client: HttpClient; memberId: string }> = [];
	for (const [i, profile] of [woman, woman, woman, woman, man, man, man].entries()) {
		const client = new HttpClient(server.url);
		const res = await client.json<{ memberId: string }>('/api/join', {
			method: 'POST',
			json: { code: workshop.code, displayName: `Membre ${i + 1}`, ...profile }
		});
		expect(res.status).toBe(201);
		members.push({ client, memberId: res.body.memberId });
	}

	const agenda = await fac.json(`/api/workshops/${workshop.id}/agenda`, {
		method: 'PUT',
		json: [
			{ title: 'Diagnostic partagé', kind: 'discussion', durationSeconds: 1200 },
			{ title: 'Vote des priorités', kind: 'vote', durationSeconds: 600 }
		]
	});
	expect(agenda.status).toBe(200);
	for (const step of ['start', 'finish', 'next', 'start', 'finish']) {
		const res = await fac.json(`/api/workshops/${workshop.id}/agenda/${step}`, { method: 'POST' });
		expect(res.status, step).toBe(200);
	}

	const poll = await createPoll(fac, workshop.id, { question: 'Quelle priorité pour 2027 ?' });
	expect((await command(fac, poll.id, 'open')).status).toBe(200);
	const [eau, sante] = poll.options;
	for (const [i, m] of members.entries()) {
		const res = await vote(m.client, poll.id, { optionId: i < 5 ? eau.id : sante.id });
		expect(res.status).toBe(201);
	}
	expect((await command(fac, poll.id, 'close')).status).toBe(200);
	expect((await command(fac, poll.id, 'publish')).status).toBe(200);

	const doc = async (kind: string, title: string) => {
		const res = await fac.json<{ id: string }>(`/api/workshops/${workshop.id}/documents`, {
			method: 'POST',
			json: { kind, title }
		});
		expect(res.status).toBe(201);
		return res.body.id;
	};
	const charterId = await doc('charter', 'Charte de la citoyenneté');
	const writer = clients.connect(server.url, charterId, members[0].client.cookieHeader);
	await writer.synced();
	typeParagraph(writer.doc, CHARTER_TEXT);
	await waitFor(async () => {
		const live = await server.app.liveDocuments.getDoc(charterId);
		return live.getXmlFragment('default').toString().includes('borne-fontaine');
	});
	expect((await fac.json(`/api/documents/${charterId}/lock`, { method: 'POST' })).status).toBe(200);

	const planId = await doc('action_plan', 'Plan communal 2027');
	await server.app.liveDocuments.editDoc(planId, (d) =>
		appendActions(d, [
			{ id: 'a1', title: 'Forage à Sabon Gari', budget: 1_500_000, axis: 'Eau et assainissement' },
			{ id: 'a2', title: 'Latrines scolaires', budget: 250_000, axis: 'Éducation' }
		])
	);
	return { workshop, facilitator, members, poll: { ...poll, eau } };
}

describe('the workshop report (procès-verbal)', () => {
	it('puts the day, the actual round times, decisions, charter, plan and attendance in PDF and DOCX', async () => {
		const { workshop, facilitator } = await ranWorkshop();

		// The commands above ran within a second; date their audit lines (which the report reads)
		// across a morning so that each time and duration lands in its own cell.
		const spread: Record<string, string[]> = {
			'agenda.start': ['08:05', '08:30'],
			'agenda.finish': ['08:27', '08:41'],
			'agenda.next': ['08:28']
		};
		const log = (await server.app.audit.list(workshop.id)).reverse();
		for (const [action, times] of Object.entries(spread)) {
			const entries = log.filter((e) => e.action === action);
			expect(entries).toHaveLength(times.length);
			for (const [i, entry] of entries.entries())
				await server.app.database.db
					.update(auditLog)
					.set({ at: new Date(`2026-03-14T${times[i]}:00.000Z`) })
					.where(eq(auditLog.id, entry.id));
		}

		const pdf = await facilitator.client.request(`/api/workshops/${workshop.id}/report?format=pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.pdf"/);
		const docx = await facilitator.client.request(
			`/api/workshops/${workshop.id}/report?format=docx`
		);
		expect(docx.status).toBe(200);
		const texts = {
			pdf: plain(pdfText(Buffer.from(await pdf.arrayBuffer()))),
			docx: plain(xmlText(zipEntry(Buffer.from(await docx.arrayBuffer()), 'word/document.xml')))
		};

		for (const [format, text] of Object.entries(texts)) {
			const has = (needle: string) => expect(text, `${format}: ${needle}`).toContain(needle);
			has('Procès-verbal — Cadre de concertation de Maradi');
			has('14 mars 2026');
			has('Lieu : Maradi I');
			has('Diagnostic partagé');
			has('Vote des priorités');
			has('Diagnostic partagé');
			has('Quelle priorité pour 2027 ?');
			has('Résultat : Eau');
			// Seven ballots; the facilitator is eligible too.
			has('Participation : 7 votes pour 8 inscrit·es');
			has(CHARTER_TEXT);
			has('Texte verrouillé (adopté).');
			has('Plan communal 2027');
			has('2 actions');
			has('Eau et assainissement');
			has('1 500 000 FCFA');
			has('250 000 FCFA');
			has('1 750 000 FCFA');
		}
		for (const text of Object.values(texts)) {
			// Each row's cells in order: the rounds with their actual times and durations…
			expect(text).toContain('Diagnostic partagéDiscussion20 min08:0508:2722 min');
			expect(text).toContain('Vote des prioritésVote10 min08:3008:4111 min');
			// …and attendance: seven present, both groups (four women, four under 35) too small.
			expect(text).toContain('Présents7< 5< 5');
			expect(text).toContain('Ont voté7< 5< 5');
			expect(text).toContain('Ont écrit< 5< 5< 5');
		}
	});

	it('is for facilitators and reviewers only, and refuses an unknown format', async () => {
		const { workshop, facilitator, members } = await ranWorkshop();
		const url = `/api/workshops/${workshop.id}/report?format=pdf`;
		expect((await members[0].client.request(url)).status).toBe(403);
		expect((await new HttpClient(server.url).request(url)).status).toBe(401);

		const made = await facilitator.client.json(
			`/api/workshops/${workshop.id}/members/${members[1].memberId}`,
			{ method: 'PATCH', json: { role: 'reviewer' } }
		);
		expect(made.status).toBe(200);
		expect((await members[1].client.request(url)).status).toBe(200);

		const bad = await facilitator.client.json<{ error: { field?: string } }>(
			`/api/workshops/${workshop.id}/report?format=odt`
		);
		expect(bad.status).toBe(400);
		expect(bad.body.error.field).toBe('format');
	});
});
