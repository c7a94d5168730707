import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from '../helpers/http-client';
import { startTestServer } from '../helpers/test-server';
import { decodeQuotedPrintable, startSmtpServer } from '../helpers/smtp-server';
import { waitFor } from '../helpers/wait-for';
import { addLiveAction, planWorkshop, PLAN_TITLE } from './plan-review-fixtures';

type Review = {
	status: string;
	versionId: string | null;
	hash: string | null;
	approvals: { signatoryName: string; signatoryTitle: string; hash: string }[];
	decisions: { decision: string; comment: string | null; reviewerName: string }[];
	comments: { actionId: string | null; body: string; authorName: string }[];
	actions: { id: string; title: string }[];
	totals: { total: Record<string, number> };
	published: { versionId: string; current: boolean; url: string } | null;
};
type Submitted = { versionId: string; hash: string };
type Notifications = {
	unread: number;
	items: { id: string; kind: string; message: string; link: string; read: boolean }[];
};
type PublicPlan = {
	version: { id: string; hash: string };
	approval: { signatoryName: string; signatoryTitle: string; approvedAt: string };
	actions: {
		id: string;
		title: string;
		followup: { status: string; progress: number; indicatorValue: string | null } | null;
		updates: { date: string; note: string | null }[];
	}[];
};

const MAYOR_TITLE = 'Maire de la commune de Maradi I';

describe('review, sign-off and follow-up of an action plan', () => {
	let server: RunningServer;
	let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
	beforeAll(async () => {
		smtp = await startSmtpServer();
		server = await startTestServer({
			env: { SMTP_URL: smtp.url, MAIL_FROM: 'Palabre <palabre@test>' }
		});
	});
	afterAll(async () => {
		await server.close();
		await smtp.close();
	});

	it('refuses to submit a plan with no action, with a translated reason, and stores nothing', async () => {
		const setup = await planWorkshop(server);
		const fac = setup.facilitator.client;
		const empty = await fac.json<{ id: string }>(`/api/workshops/${setup.workshop.id}/documents`, {
			method: 'POST',
			json: { kind: 'action_plan', title: 'Plan vide' }
		});
		const base = `/api/documents/${empty.body.id}`;
		const refused = await fac.json<{ error: { code: string; message: string } }>(`${base}/submit`, {
			method: 'POST'
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error.message).toBe(
			'Ce plan n’a encore aucune action\u202f: ajoutez-en avant de le soumettre.'
		);
		const review = await fac.json<{ status: string; versionId: string | null }>(`${base}/review`);
		expect(review.body).toMatchObject({ status: 'draft', versionId: null });
	});

	it('goes submit → request changes → resubmit → approve, each decision bound to the version hash', async () => {
		const setup = await planWorkshop(server);
		const base = `/api/documents/${setup.documentId}`;
		const fac = setup.facilitator.client;
		const mayor = setup.mayor.client;

		const draft = await fac.json<Review>(`${base}/review`);
		expect(draft.body).toMatchObject({
			status: 'draft',
			versionId: null,
			hash: null,
			approvals: []
		});

		const first = await fac.json<Submitted>(`${base}/submit`, { method: 'POST' });
		expect(first.status).toBe(201);
		expect(first.body.hash).toMatch(/^[0-9a-f]{64}$/);
		const versions = await fac.json<{ id: string; hash: string }[]>(`${base}/versions`);
		expect(versions.body).toContainEqual(
			expect.objectContaining({ id: first.body.versionId, hash: first.body.hash })
		);

		const seen = await mayor.json<Review>(`${base}/review`);
		expect(seen.body.status).toBe('submitted');
		expect(seen.body.actions.map((a) => a.title)).toEqual([
			'Forage au quartier Sabon Gari',
			'Éclairage public solaire'
		]);
		expect(seen.body.totals.total).toEqual({ FCFA: 2_300_000 });

		const comment = await mayor.json(`${base}/comments`, {
			method: 'POST',
			json: { actionId: 'forage', body: 'Préciser le nombre de forages.' }
		});
		expect(comment.status).toBe(201);
		const noComment = await mayor.json<{ error: { code: string } }>(`${base}/review`, {
			method: 'POST',
			json: { decision: 'request_changes' }
		});
		expect(noComment.status).toBe(400);
		expect(noComment.body.error).toMatchObject({ field: 'comment', reason: 'comment_required' });

		const sentBack = await mayor.json<Review>(`${base}/review`, {
			method: 'POST',
			json: {
				decision: 'request_changes',
				comment: 'Chiffrer le coût des forages.',
				hash: first.body.hash
			}
		});
		expect(sentBack.status).toBe(200);
		expect(sentBack.body.status).toBe('changes_requested');
		expect(sentBack.body.comments).toEqual([
			expect.objectContaining({ actionId: 'forage', authorName: 'Moussa Ibrahim' })
		]);

		// The workshop goes on: the live plan changes, then a new version is submitted.
		await addLiveAction(server, setup.documentId, 'marche', 'Réhabilitation du marché');
		const second = await fac.json<Submitted>(`${base}/submit`, { method: 'POST' });
		expect(second.status).toBe(201);
		expect(second.body.hash).not.toBe(first.body.hash);

		// A decision on the old version's hash is refused: the reviewer must read the new one.
		const stale = await mayor.json<{ error: { reason: string; message: string } }>(
			`${base}/review`,
			{
				method: 'POST',
				json: {
					decision: 'approve',
					signatoryName: 'Moussa Ibrahim',
					signatoryTitle: MAYOR_TITLE,
					hash: first.body.hash
				}
			}
		);
		expect(stale.status).toBe(409);
		expect(stale.body.error.reason).toBe('version_changed');
		expect(stale.body.error.message).toContain('nouvelle version');

		const noTitle = await mayor.json<{ error: { field: string } }>(`${base}/review`, {
			method: 'POST',
			json: { decision: 'approve', hash: second.body.hash }
		});
		expect(noTitle.status).toBe(400);
		expect(noTitle.body.error.field).toBe('signatoryTitle');

		const approved = await mayor.json<Review>(`${base}/review`, {
			method: 'POST',
			json: {
				decision: 'approve',
				signatoryTitle: MAYOR_TITLE,
				statement: 'La commune adopte ce plan.',
				hash: second.body.hash
			}
		});
		expect(approved.status).toBe(200);
		expect(approved.body).toMatchObject({
			status: 'approved',
			versionId: second.body.versionId,
			hash: second.body.hash,
			// The name defaults to the reviewer's account name.
			approvals: [
				{ signatoryName: 'Moussa Ibrahim', signatoryTitle: MAYOR_TITLE, hash: second.body.hash }
			]
		});
		expect(approved.body.actions).toHaveLength(3);
		// Comments belong to the version they were made on.
		expect(approved.body.comments).toEqual([]);

		const again = await mayor.json<{ error: { reason: string } }>(`${base}/review`, {
			method: 'POST',
			json: { decision: 'request_changes', comment: 'Trop tard' }
		});
		expect(again.status).toBe(409);
		expect(again.body.error.reason).toBe('already_approved');

		const latest = await server.app.planReview.latestApproval(setup.documentId);
		expect(latest).toMatchObject({
			versionId: second.body.versionId,
			hash: second.body.hash,
			signatoryName: 'Moussa Ibrahim',
			signatoryTitle: MAYOR_TITLE,
			statement: 'La commune adopte ce plan.',
			current: true
		});

		// A new submission needs a new approval: pending again, the old signature no longer current.
		const third = await fac.json<Submitted>(`${base}/submit`, { method: 'POST' });
		const pending = await fac.json<Review>(`${base}/review`);
		expect(pending.body).toMatchObject({
			status: 'submitted',
			hash: third.body.hash,
			approvals: []
		});
		expect(pending.body.published).toMatchObject({
			versionId: second.body.versionId,
			current: false
		});
		expect(await server.app.planReview.latestApproval(setup.documentId)).toMatchObject({
			versionId: second.body.versionId,
			current: false
		});

		const audit = (await server.app.audit.list(setup.workshop.id)).map((e) => e.action);
		for (const action of ['plan.submit', 'plan.comment', 'plan.request_changes', 'plan.approve'])
			expect(audit).toContain(action);
		expect(audit.filter((a) => a === 'plan.submit')).toHaveLength(3);
	});

	it('refuses review decisions and comments from participants and observers (403), and submit from a reviewer', async () => {
		const setup = await planWorkshop(server);
		const base = `/api/documents/${setup.documentId}`;
		await setup.facilitator.client.json(`${base}/submit`, { method: 'POST' });
		const approve = {
			decision: 'approve',
			signatoryName: 'Amina',
			signatoryTitle: 'Conseillère'
		};
		for (const who of [setup.participant, setup.observer]) {
			const res = await who.client.json(`${base}/review`, { method: 'POST', json: approve });
			expect(res.status).toBe(403);
			const comment = await who.client.json(`${base}/comments`, {
				method: 'POST',
				json: { body: 'Bravo' }
			});
			expect(comment.status).toBe(403);
		}
		const bySelf = await setup.facilitator.client.json(`${base}/review`, {
			method: 'POST',
			json: approve
		});
		expect(bySelf.status).toBe(403);
		const submit = await setup.mayor.client.json(`${base}/submit`, { method: 'POST' });
		expect(submit.status).toBe(403);
		const anonymous = await new HttpClient(server.url).json(`${base}/review`);
		expect(anonymous.status).toBe(401);
		const review = await setup.participant.client.json<Review>(`${base}/review`);
		expect(review.body).toMatchObject({ status: 'submitted', approvals: [] });
	});

	it('publishes exactly the approved version, with its follow-up, even after the live plan changed', async () => {
		const setup = await planWorkshop(server);
		const base = `/api/documents/${setup.documentId}`;
		const publicClient = new HttpClient(server.url);
		expect((await publicClient.request(`/suivi/${setup.documentId}`)).status).toBe(404);
		expect((await publicClient.request(`${base}/followup.json`)).status).toBe(404);

		const submitted = await setup.facilitator.client.json<Submitted>(`${base}/submit`, {
			method: 'POST'
		});
		const early = await setup.facilitator.client.json<{ error: { reason: string } }>(
			`${base}/followups`,
			{ method: 'POST', json: { actionId: 'forage', status: 'in_progress', progress: 10 } }
		);
		expect(early.status).toBe(409);
		expect(early.body.error.reason).toBe('not_approved');
		await setup.mayor.client.json(`${base}/review`, {
			method: 'POST',
			json: { decision: 'approve', signatoryName: 'Moussa Ibrahim', signatoryTitle: MAYOR_TITLE }
		});
		await addLiveAction(server, setup.documentId, 'ajout', 'Action ajoutée après approbation');

		const update = await setup.facilitator.client.json(`${base}/followups`, {
			method: 'POST',
			json: {
				actionId: 'forage',
				status: 'in_progress',
				progress: 40,
				indicatorValue: '160 ménages',
				note: 'Premier forage foré',
				date: '2027-03-01'
			}
		});
		expect(update.status).toBe(201);
		const byMayor = await setup.mayor.client.json(`${base}/followups`, {
			method: 'POST',
			json: { actionId: 'eclairage', status: 'done', progress: 100, date: '2027-02-15' }
		});
		expect(byMayor.status).toBe(201);
		const byParticipant = await setup.participant.client.json(`${base}/followups`, {
			method: 'POST',
			json: { actionId: 'forage', status: 'done', progress: 100 }
		});
		expect(byParticipant.status).toBe(403);
		const unknown = await setup.facilitator.client.json<{ error: { reason: string } }>(
			`${base}/followups`,
			{ method: 'POST', json: { actionId: 'ajout', status: 'done', progress: 100 } }
		);
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.reason).toBe('unknown_action');
		const badProgress = await setup.facilitator.client.json(`${base}/followups`, {
			method: 'POST',
			json: { actionId: 'forage', status: 'done', progress: 140 }
		});
		expect(badProgress.status).toBe(400);

		const json = await publicClient.json<PublicPlan>(`${base}/followup.json`);
		expect(json.status).toBe(200);
		expect(json.headers.get('access-control-allow-origin')).toBe('*');
		expect(json.body.version.hash).toBe(submitted.body.hash);
		expect(json.body.approval).toMatchObject({
			signatoryName: 'Moussa Ibrahim',
			signatoryTitle: MAYOR_TITLE
		});
		expect(json.body.actions.map((a) => a.id)).toEqual(['forage', 'eclairage']);
		expect(json.body.actions[0].followup).toEqual({
			date: '2027-03-01',
			status: 'in_progress',
			progress: 40,
			indicatorValue: '160 ménages',
			note: 'Premier forage foré'
		});
		expect(json.body.actions[1].followup).toMatchObject({ status: 'done', progress: 100 });
		expect(JSON.stringify(json.body)).not.toContain(setup.facilitator.email);

		const csv = await publicClient.request(`${base}/followup.csv`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const lines = (await csv.text()).trimEnd().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toContain('"progress"');
		expect(lines[1]).toContain('"Forage au quartier Sabon Gari"');
		expect(lines[1]).toContain(',40,"160 ménages","2027-03-01"');
		expect(lines[1]).toContain(`"Moussa Ibrahim","${MAYOR_TITLE}"`);
		expect(lines.join('\n')).not.toContain('Action ajoutée après approbation');

		const page = await publicClient.request(`/suivi/${setup.documentId}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toMatch(
			new RegExp(`Approuvé par Moussa Ibrahim, ${MAYOR_TITLE}, le \\d{1,2} \\S+ \\d{4}`)
		);
		expect(html).toContain('Forage au quartier Sabon Gari');
		expect(html).toContain('Avancement\u202f: 40\u202f%');
		expect(html).not.toContain('Action ajoutée après approbation');

		const audit = (await server.app.audit.list(setup.workshop.id)).map((e) => e.action);
		expect(audit.filter((a) => a === 'plan.followup')).toHaveLength(2);
	});

	it('notifies reviewers of a submission and facilitators of a decision, in-app and by e-mail', async () => {
		const setup = await planWorkshop(server);
		const base = `/api/documents/${setup.documentId}`;
		await setup.facilitator.client.json(`${base}/submit`, { method: 'POST' });
		const link = `/w/${setup.workshop.code}/plans/${setup.documentId}/revue`;

		const forMayor = await setup.mayor.client.json<Notifications>('/api/notifications');
		expect(forMayor.body.unread).toBe(1);
		expect(forMayor.body.items[0]).toMatchObject({ kind: 'plan_submitted', link, read: false });
		expect(forMayor.body.items[0].message).toContain(PLAN_TITLE);
		const forParticipant = await setup.participant.client.json<Notifications>('/api/notifications');
		expect(forParticipant.body.items).toEqual([]);
		const forFacilitator = await setup.facilitator.client.json<Notifications>('/api/notifications');
		expect(forFacilitator.body.unread).toBe(0);

		const toMayor = await waitFor(
			() => smtp.received.find((mail) => mail.to.includes(setup.mayor.email)),
			5_000,
			{ description: 'the submission e-mail to the mayor' }
		);
		expect(toMayor.from).toBe('palabre@test');
		expect(decodeQuotedPrintable(toMayor.data)).toContain(link);

		await setup.mayor.client.json(`${base}/review`, {
			method: 'POST',
			json: { decision: 'request_changes', comment: 'Ajouter un budget pour le marché.' }
		});
		const facilitatorNotes =
			await setup.facilitator.client.json<Notifications>('/api/notifications');
		expect(facilitatorNotes.body.unread).toBe(1);
		expect(facilitatorNotes.body.items[0]).toMatchObject({ kind: 'plan_changes_requested', link });
		expect(facilitatorNotes.body.items[0].message).toContain('Moussa Ibrahim');
		await waitFor(
			() => smtp.received.find((mail) => mail.to.includes(setup.facilitator.email)),
			5_000,
			{ description: 'the decision e-mail to the facilitator' }
		);

		const read = await setup.facilitator.client.json<{ changed: number; unread: number }>(
			'/api/notifications/read',
			{ method: 'POST', json: {} }
		);
		expect(read.body).toEqual({ changed: 1, unread: 0 });
		const audit = (await server.app.audit.list(setup.workshop.id)).map((e) => e.action);
		expect(audit).toContain('plan.request_changes');
	});

	it('answers 400 for a document that is not an action plan', async () => {
		const setup = await planWorkshop(server);
		const charter = await setup.facilitator.client.json<{ id: string }>(
			`/api/workshops/${setup.workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'charter', title: 'Charte' } }
		);
		const res = await setup.facilitator.client.json<{ error: { reason: string } }>(
			`/api/documents/${charter.body.id}/submit`,
			{ method: 'POST' }
		);
		expect(res.status).toBe(400);
		expect(res.body.error.reason).toBe('not_action_plan');
	});
});

describe('notifications without SMTP', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('notifies in-app only when no SMTP server is configured', async () => {
		expect(server.app.mailer.enabled).toBe(false);
		const setup = await planWorkshop(server);
		const res = await setup.facilitator.client.json(`/api/documents/${setup.documentId}/submit`, {
			method: 'POST'
		});
		expect(res.status).toBe(201);
		const notes = await setup.mayor.client.json<Notifications>('/api/notifications');
		expect(notes.body.items.map((n) => n.kind)).toEqual(['plan_submitted']);
	});
});
