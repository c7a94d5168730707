import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { appendActions, readActions } from '../../src/lib/server/plans/read-plan';
import { workshopWithCharter } from '../realtime/documents-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

type Settings = { currency: string; axes: string[] };
type Failure = { error: { code: string; field?: string; message: string } };

async function planIn(setup: Awaited<ReturnType<typeof workshopWithCharter>>) {
	const res = await setup.facilitator.client.json<{ id: string }>(
		`/api/workshops/${setup.workshop.id}/documents`,
		{ method: 'POST', json: { kind: 'action_plan', title: 'Plan d’action local 2027' } }
	);
	expect(res.status).toBe(201);
	return res.body.id;
}

describe('plan settings API', () => {
	it('defaults to FCFA and no axes, lets only the facilitator change them, and audits it', async () => {
		const setup = await workshopWithCharter(server);
		const url = `/api/workshops/${setup.workshop.id}/plan-settings`;
		const fac = setup.facilitator.client;
		const moussa = await joinedParticipant(server, setup.workshop.code, 'Moussa');

		const initial = await moussa.client.json<Settings>(url);
		expect(initial.status).toBe(200);
		expect(initial.body).toEqual({ currency: 'FCFA', axes: [] });

		const settings = { currency: 'XOF', axes: ['Eau et assainissement', 'Éducation', 'Santé'] };
		const refused = await moussa.client.json<Failure>(url, { method: 'PUT', json: settings });
		expect(refused.status).toBe(403);
		expect(refused.body.error.code).toBe('forbidden');

		const saved = await fac.json<Settings>(url, { method: 'PUT', json: settings });
		expect(saved.status).toBe(200);
		expect(saved.body).toEqual(settings);
		expect((await moussa.client.json<Settings>(url)).body).toEqual(settings);

		const audit = (await server.app.audit.list(setup.workshop.id)).filter(
			(entry) => entry.action === 'plan.settings_update'
		);
		expect(audit).toHaveLength(1);
		expect(audit[0].actorUserId).toBe(setup.facilitator.user.id);
		expect(audit[0].data).toMatchObject({ before: { currency: 'FCFA' }, after: settings });
	});

	it('refuses bad input with a translated field error and changes nothing', async () => {
		const setup = await workshopWithCharter(server);
		const url = `/api/workshops/${setup.workshop.id}/plan-settings`;
		const fac = setup.facilitator.client;
		const bad: [unknown, string][] = [
			[{ currency: '', axes: [] }, 'currency'],
			[{ currency: 'F CFA', axes: [] }, 'currency'],
			[{ currency: 'FCFA', axes: ['Santé', 'santé'] }, 'axes'],
			[{ currency: 'FCFA', axes: [''] }, 'axes.0'],
			[{ currency: 'FCFA', axes: 'Santé' }, 'axes'],
			[{ currency: 'FCFA', axes: [], extra: 1 }, 'body']
		];
		for (const [json, field] of bad) {
			const res = await fac.json<Failure>(url, { method: 'PUT', json });
			expect(res.status, JSON.stringify(json)).toBe(400);
			expect(res.body.error.code).toBe('validation');
			expect(res.body.error.field ?? 'body').toBe(field);
			expect(res.body.error.message).not.toBe('');
		}
		const notJson = await fac.request(url, { method: 'PUT', body: 'currency=XOF' });
		expect(notJson.status).toBe(400);
		expect((await fac.json<Settings>(url)).body).toEqual({ currency: 'FCFA', axes: [] });
		const audit = await server.app.audit.list(setup.workshop.id);
		expect(audit.some((entry) => entry.action === 'plan.settings_update')).toBe(false);
	});

	it('hides another workshop’s settings', async () => {
		const mine = await workshopWithCharter(server);
		const theirs = await workshopWithCharter(server);
		const res = await mine.facilitator.client.json<Failure>(
			`/api/workshops/${theirs.workshop.id}/plan-settings`
		);
		expect(res.status).toBe(404);
	});
});

describe('charter article → action', () => {
	it('appends the article as an action in the live plan, seen by a y-websocket client, and audits it', async () => {
		const setup = await workshopWithCharter(server);
		const planId = await planIn(setup);
		const fac = setup.facilitator.client;
		await fac.json(`/api/workshops/${setup.workshop.id}/plan-settings`, {
			method: 'PUT',
			json: { currency: 'XOF', axes: [] }
		});
		const moussa = await joinedParticipant(server, setup.workshop.code, 'Moussa');
		const watcher = clients.connect(server.url, planId, moussa.client.cookieHeader);
		await watcher.synced();

		const articles = await fac.json<
			{ charterId: string; articles: { index: number; heading: string; text: string }[] }[]
		>(`/api/documents/${planId}/charter-articles`);
		expect(articles.status).toBe(200);
		expect(articles.body).toHaveLength(1);
		expect(articles.body[0].charterId).toBe(setup.documentId);
		expect(articles.body[0].articles.map((a) => a.heading)).toEqual([
			'Article 1 — Objet de la charte',
			'Article 2 — Droits et devoirs des citoyens',
			'Article 3 — Participation à la vie communale',
			'Article 4 — Suivi et révision'
		]);

		const created = await fac.json<{ actionId: string; title: string }>(
			`/api/documents/${planId}/actions/from-article`,
			{ method: 'POST', json: { charterId: setup.documentId, articleIndex: 1 } }
		);
		expect(created.status).toBe(201);
		expect(created.body.title).toBe('Droits et devoirs des citoyens');

		const [action] = await waitFor(
			() => {
				const actions = readActions(watcher.doc);
				return actions.length === 1 ? actions : null;
			},
			5_000,
			{ description: 'the participant’s client seeing the new action' }
		);
		expect(action).toMatchObject({
			id: created.body.actionId,
			title: 'Droits et devoirs des citoyens',
			currency: 'XOF',
			status: 'not_started',
			description: [
				'Être informé des décisions qui concernent son quartier.',
				'Prendre part aux concertations et aux budgets participatifs.',
				'Respecter les biens communs et la parole des autres.'
			].join('\n')
		});
		// The documented layout: a Y.Text title and a rich-text description.
		const map = watcher.doc.getArray<Y.Map<unknown>>('actions').get(0);
		expect(map.get('title')).toBeInstanceOf(Y.Text);
		expect(map.get('description')).toBeInstanceOf(Y.XmlFragment);

		const audit = (await server.app.audit.list(setup.workshop.id)).find(
			(entry) => entry.action === 'plan.action_from_article'
		);
		expect(audit).toMatchObject({
			actorUserId: setup.facilitator.user.id,
			subject: planId,
			data: { actionId: created.body.actionId, charterId: setup.documentId, articleIndex: 1 }
		});
	});

	it('is the facilitator’s, for a charter of the same workshop and an article that exists', async () => {
		const setup = await workshopWithCharter(server);
		const planId = await planIn(setup);
		const other = await workshopWithCharter(server);
		const moussa = await joinedParticipant(server, setup.workshop.code, 'Moussa');
		const url = `/api/documents/${planId}/actions/from-article`;
		const fac = setup.facilitator.client;

		const refused = await moussa.client.json<Failure>(url, {
			method: 'POST',
			json: { charterId: setup.documentId, articleIndex: 0 }
		});
		expect(refused.status).toBe(403);
		const cases: [unknown, string][] = [
			[{ charterId: other.documentId, articleIndex: 0 }, 'charterId'],
			[{ charterId: planId, articleIndex: 0 }, 'charterId'],
			[{ charterId: setup.documentId, articleIndex: 9 }, 'articleIndex'],
			[{ charterId: setup.documentId, articleIndex: -1 }, 'articleIndex'],
			[{ charterId: 'pas-un-uuid', articleIndex: 0 }, 'charterId']
		];
		for (const [json, field] of cases) {
			const res = await fac.json<Failure>(url, { method: 'POST', json });
			expect(res.status, JSON.stringify(json)).toBe(400);
			expect(res.body.error.field).toBe(field);
		}
		// A charter is not a plan: the command only exists on action plans.
		const onCharter = await fac.json<Failure>(
			`/api/documents/${setup.documentId}/actions/from-article`,
			{ method: 'POST', json: { charterId: setup.documentId, articleIndex: 0 } }
		);
		expect(onCharter.status).toBe(404);
		const plan = await server.app.liveDocuments.getDoc(planId);
		expect(plan.getArray('actions').length).toBe(0);
	});
});

describe('plan page HTML', () => {
	it('carries the first rows of the table, read from the live plan, before any script runs', async () => {
		const setup = await workshopWithCharter(server);
		const planId = await planIn(setup);
		await server.app.liveDocuments.editDoc(planId, (doc) =>
			appendActions(
				doc,
				Array.from({ length: 30 }, (_, i) => ({
					id: `action-${i}`,
					title: `Forage du quartier ${i + 1}`,
					budget: i === 2 ? null : 1_000 + i
				}))
			)
		);
		const res = await setup.facilitator.client.request(`/w/${setup.workshop.code}/plans/${planId}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		const titles = [
			...html.matchAll(/data-field="title"[^>]*>.*?<span class="value[^"]*">([^<]*)</gs)
		].map((match) => match[1]);
		// The first screenful (25 rows) is HTML; the browser draws the rest after hydration.
		expect(titles).toEqual(Array.from({ length: 25 }, (_, i) => `Forage du quartier ${i + 1}`));
		expect(html).toContain('data-testid="plan-table"');
		expect(html).not.toContain('data-testid="plan-loading"');
		// The first cell is the table's one tab stop, ready for the keyboard once hydrated.
		expect(html).toMatch(/<td tabindex="0"[^>]*data-cell="action-0:0"/);
	});
});
