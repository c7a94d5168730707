// What awaits a reviewer: the plans submitted and not yet decided, listed for reviewers only, and
// notified to a reviewer who joins after the submission (by invitation or by a change of role),
// once per submission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { startTestServer } from '../helpers/test-server';
import { joinedParticipant } from '../helpers/fixtures';
import { planWorkshop, PLAN_TITLE, reviewerOf } from './plan-review-fixtures';

type Notifications = {
	unread: number;
	items: { kind: string; message: string; link: string }[];
};

describe('plans awaiting review', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('a reviewer who joins after a plan was submitted is notified of it, once', async () => {
		const setup = await planWorkshop(server);
		const submit = await setup.facilitator.client.json(
			`/api/documents/${setup.documentId}/submit`,
			{ method: 'POST' }
		);
		expect(submit.status).toBe(201);
		const link = `/w/${setup.workshop.code}/plans/${setup.documentId}/revue`;

		const late = await reviewerOf(server, setup.workshop.id, setup.facilitator, 'Fatouma Adamou');
		const told = await late.client.json<Notifications>('/api/notifications');
		expect(told.status).toBe(200);
		expect(told.body.items.filter((n) => n.kind === 'plan_submitted')).toEqual([
			expect.objectContaining({ link, message: expect.stringContaining(PLAN_TITLE) })
		]);

		// A second invitation accepted by the same person: nothing new to tell.
		const invite = await setup.facilitator.client.json<{ url: string }>(
			`/api/workshops/${setup.workshop.id}/invites`,
			{ method: 'POST', json: { role: 'reviewer' } }
		);
		await server.app.members.acceptInvite(late.user, invite.body.url.split('/invitation/')[1]);
		const again = await late.client.json<Notifications>('/api/notifications');
		expect(again.body.items.filter((n) => n.kind === 'plan_submitted')).toHaveLength(1);

		// The reviewer who was there at the submission got exactly its own notice.
		const early = await setup.mayor.client.json<Notifications>('/api/notifications');
		expect(early.body.items.filter((n) => n.kind === 'plan_submitted')).toHaveLength(1);
	});

	it('a participant made reviewer by the facilitator is notified of the plan awaiting review', async () => {
		const setup = await planWorkshop(server);
		await setup.facilitator.client.json(`/api/documents/${setup.documentId}/submit`, {
			method: 'POST'
		});
		const councillor = await joinedParticipant(server, setup.workshop.code, 'Conseiller Issa');
		const before = await councillor.client.json<Notifications>('/api/notifications');
		expect(before.body.items).toHaveLength(0);
		const role = await setup.facilitator.client.json(
			`/api/workshops/${setup.workshop.id}/members/${councillor.memberId}`,
			{ method: 'PATCH', json: { role: 'reviewer' } }
		);
		expect(role.status).toBe(200);
		const after = await councillor.client.json<Notifications>('/api/notifications');
		expect(after.body.items.map((n) => n.kind)).toEqual(['plan_submitted']);
	});

	it('lists the submitted plans for reviewers until a decision, and nothing for participants', async () => {
		const setup = await planWorkshop(server);
		const { workshop, documentId, mayor, participant } = setup;
		const pending = () => server.app.reviewQueue.pending(mayor.user, workshop.id);
		expect(await pending()).toEqual([]);
		await setup.facilitator.client.json(`/api/documents/${documentId}/submit`, { method: 'POST' });
		expect(await pending()).toEqual([
			expect.objectContaining({
				documentId,
				title: PLAN_TITLE,
				link: `/w/${workshop.code}/plans/${documentId}/revue`
			})
		]);
		const asParticipant = await server.app.sessions.validate(
			participant.client.cookie('palabre_session')!
		);
		expect(await server.app.reviewQueue.pending(asParticipant!.user, workshop.id)).toEqual([]);

		const decided = await mayor.client.json(`/api/documents/${documentId}/review`, {
			method: 'POST',
			json: { decision: 'request_changes', comment: 'Préciser le budget du forage.' }
		});
		expect(decided.status).toBe(200);
		expect(await pending()).toEqual([]);
		// Resubmitted: awaiting review again.
		await setup.facilitator.client.json(`/api/documents/${documentId}/submit`, { method: 'POST' });
		expect((await pending()).map((p) => p.documentId)).toEqual([documentId]);
	});

	it('refuses the list to someone who is not a member', async () => {
		const setup = await planWorkshop(server);
		await expect(server.app.reviewQueue.pending(null, setup.workshop.id)).rejects.toMatchObject({
			code: 'unauthenticated'
		});
	});
});
