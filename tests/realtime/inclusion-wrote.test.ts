// "Wrote" in the inclusion panel: the /collab server records the members whose updates it accepts,
// once per document, and the panel counts them; a read-only connection that types does not count.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { InclusionView } from '../../src/lib/protocol/facilitation';
import { documentContributors } from '../../src/lib/server/db/schema';
import { HttpClient } from '../helpers/http-client';
import { createCollabClients, documentText, typeParagraph } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { observerOf, workshopWithCharter } from './documents-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

const woman = { gender: 'woman', ageBracket: '18_24' };
const man = { gender: 'man', ageBracket: '35_49' };

describe('who wrote in the documents', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	async function join(code: string, name: string, profile: object) {
		const client = new HttpClient(server.url);
		const res = await client.json<{ memberId: string }>('/api/join', {
			method: 'POST',
			json: { code, displayName: name, ...profile }
		});
		expect(res.status).toBe(201);
		return { client, memberId: res.body.memberId };
	}

	const contributors = async (documentId: string) =>
		(
			await server.app.database.db
				.select({ memberId: documentContributors.memberId })
				.from(documentContributors)
				.where(eq(documentContributors.documentId, documentId))
		).map((r) => r.memberId);

	it('counts participants who typed, once each, and not a read-only connection', async () => {
		const setup = await workshopWithCharter(server, false);
		const { workshop, facilitator, documentId } = setup;
		const wrote = async () => {
			const res = await facilitator.client.json<InclusionView>(
				`/api/workshops/${workshop.id}/inclusion`
			);
			expect(res.status).toBe(200);
			expect(res.body.unmeasured).toEqual([]);
			return res.body.stats.wrote;
		};
		expect((await wrote()).total).toEqual({ suppressed: false, value: 0 });

		const writers = [];
		for (const [i, profile] of [woman, woman, man, man, man, man].entries())
			writers.push(await join(workshop.code, `Plume ${i + 1}`, profile));
		// A reviewer is counted in the panel but reads only by default; an observer reads only.
		const reviewer = await join(workshop.code, 'Conseillère', woman);
		const made = await facilitator.client.json(
			`/api/workshops/${workshop.id}/members/${reviewer.memberId}`,
			{ method: 'PATCH', json: { role: 'reviewer' } }
		);
		expect(made.status).toBe(200);
		const observer = await observerOf(server, setup);

		// The first writer alone: one person is a group under five, hidden entirely.
		const first = clients.connect(server.url, documentId, writers[0].client.cookieHeader);
		await first.synced();
		typeParagraph(first.doc, 'Article 1 — Chaque quartier a une borne-fontaine.');
		await waitFor(async () => (await wrote()).total.suppressed, 5_000, {
			description: 'the first writer counted (shown as < 5)'
		});

		// Everyone else types several times: still one row per member.
		for (const writer of writers.slice(1)) {
			const c = clients.connect(server.url, documentId, writer.client.cookieHeader);
			await c.synced();
			for (let k = 0; k < 3; k++) typeParagraph(c.doc, `Proposition ${k} de ${writer.memberId}`);
		}
		const stats = await waitFor(
			async () => {
				const w = await wrote();
				return !w.total.suppressed && w.total.value === 6 ? w : null;
			},
			5_000,
			{ description: 'six writers counted' }
		);
		// Two women among six: hidden, and a partner count with them so 6 − 4 gives nothing back.
		expect(stats.women.group).toEqual({ suppressed: true });
		expect(stats.women.share).toEqual({ suppressed: true });

		const readOnly = [reviewer, observer].map((m) =>
			clients.connect(server.url, documentId, m.client.cookieHeader)
		);
		for (const c of readOnly) {
			await c.synced();
			await waitFor(() => c.notices.some((n) => n.kind === 'permission-denied'), 5_000, {
				description: 'the connection told it reads only'
			});
			const told = c.notices.length;
			typeParagraph(c.doc, 'Ne doit pas passer.');
			await waitFor(() => c.notices.length > told, 5_000, {
				description: 'the read-only edit dropped'
			});
		}
		const text = documentText(await server.app.liveDocuments.getDoc(documentId));
		expect(text).not.toContain('Ne doit pas passer');
		expect((await contributors(documentId)).sort()).toEqual(writers.map((w) => w.memberId).sort());
		expect((await wrote()).total).toEqual({ suppressed: false, value: 6 });
	});

	it('does not count a reader whose reconnection resends what the document already has', async () => {
		const { workshop, documentId } = await workshopWithCharter(server, false);
		const writer = await join(workshop.code, 'Plume', woman);
		const reader = await join(workshop.code, 'Lecteur', man);
		const w = clients.connect(server.url, documentId, writer.client.cookieHeader);
		await w.synced();
		typeParagraph(w.doc, 'Premier jet, puis effacé.');
		typeParagraph(w.doc, 'Texte retenu.');
		// A deletion: from now on every replica's full state carries a delete set.
		w.doc.getXmlFragment('default').delete(0, 1);
		await waitFor(async () => (await contributors(documentId)).length === 1);

		const r = clients.connect(server.url, documentId, reader.client.cookieHeader);
		await r.synced();
		expect(documentText(r.doc)).toBe('Texte retenu.');
		r.provider.disconnect();
		r.provider.connect();
		await waitFor(() => r.provider.wsconnected && r.provider.synced);
		// Awareness travels after the reader's sync reply on the same socket: once the writer sees
		// it, the server has handled that reply.
		r.provider.awareness.setLocalStateField('probe', 'after-reconnect');
		await waitFor(() =>
			[...w.provider.awareness.getStates().values()].some((s) => s.probe === 'after-reconnect')
		);
		expect(await contributors(documentId)).toEqual([writer.memberId]);
	});
});
