// Following the room on a 360 px phone, without ever being trapped: the next round's vote is the
// one shown (no reload), the workshop page stays reachable from a vote and stays put when the
// phone came back on purpose, and a reviewer is never taken into the participants' rounds.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { joinedParticipant, signedInAccount, workshopWithFacilitator } from '../helpers/fixtures';
import type { HttpClient } from '../helpers/http-client';
import { appendActions } from '../../src/lib/server/plans/read-plan';
import { FIRST_ACTIONS } from '../integration/plan-review-fixtures';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { saveScreen } from './screens';

const env = e2eEnvironment();

async function openPoll(
	client: HttpClient,
	workshopId: string,
	question: string,
	labels: string[]
): Promise<string> {
	const created = await client.json<{ id: string }>(`/api/workshops/${workshopId}/polls`, {
		method: 'POST',
		json: { question, method: 'single', options: labels.map((label) => ({ label })) }
	});
	expect(created.status).toBe(201);
	const open = await client.json(`/api/polls/${created.body.id}/open`, { method: 'POST' });
	expect(open.status).toBe(200);
	return created.body.id;
}

async function agendaCommand(client: HttpClient, workshopId: string, command: string) {
	const res = await client.json(`/api/workshops/${workshopId}/agenda/${command}`, {
		method: 'POST'
	});
	expect(res.status).toBe(200);
}

async function phoneOf(client: HttpClient): Promise<Page> {
	const context = await env.withSession(await phoneContext(env.browser, env.server.url), client);
	return context.newPage();
}

const optionLabels = (page: Page) =>
	page
		.getByTestId('ballot-option')
		.allTextContents()
		.then((all) => all.map((t) => t.trim()));

describe('a phone following the room', () => {
	it('on poll A, follows the next round to poll B and shows B’s question and options without a reload', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const fac = facilitator.client;
		const a = await openPoll(fac, workshop.id, 'Quel jour pour la réunion ?', ['Lundi', 'Jeudi']);
		const b = await openPoll(fac, workshop.id, 'Quel lieu pour la réunion ?', [
			'Maison des jeunes',
			'Mairie',
			'École du quartier'
		]);
		const agenda = await fac.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{ title: 'Le jour', kind: 'vote', durationSeconds: 300, linked: { type: 'poll', id: a } },
				{ title: 'Le lieu', kind: 'vote', durationSeconds: 300, linked: { type: 'poll', id: b } }
			]
		});
		expect(agenda.status).toBe(200);
		const person = await joinedParticipant(env.server, workshop.code, 'Haoua');
		const page = await phoneOf(person.client);
		await page.goto(`/w/${workshop.code}`);
		await page.waitForURL(`**/w/${workshop.code}/vote/${a}`);
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Quel jour pour la réunion ?');
		await expect.poll(() => page.getByTestId('live-status').textContent()).toBe('En ligne');
		// Marks this document: a reload would lose it.
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

		// The facilitator closes A and moves the room on to B.
		expect((await fac.json(`/api/polls/${a}/close`, { method: 'POST' })).status).toBe(200);
		await agendaCommand(fac, workshop.id, 'next');

		await page.waitForURL(`**/w/${workshop.code}/vote/${b}`);
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Quel lieu pour la réunion ?');
		await expect.poll(() => page.getByTestId('poll-status').textContent()).toBe('Ouvert');
		await expect
			.poll(() => optionLabels(page))
			.toEqual(['Maison des jeunes', 'Mairie', 'École du quartier']);
		expect(await page.getByText('Le vote est clos').count()).toBe(0);
		expect(await page.getByTestId('vote-page').getAttribute('data-poll-id')).toBe(b);
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
			true
		);
		// And B takes this phone's ballot.
		await page.getByTestId('ballot-form').getByLabel('Mairie').check();
		await page.getByTestId('ballot-form').getByRole('button', { name: 'Voter' }).click();
		await expect
			.poll(() => page.getByTestId('ballot-recorded').textContent())
			.toBe('Votre vote est enregistré.');
		const results = await fac.json<{ totalBallots: number }>(`/api/polls/${b}/results`);
		expect(results.body.totalBallots).toBe(1);
		await page.context().close();
	});

	it('from a closed vote reaches the workshop page and stays there, raises its hand, sees the other vote, and a banner brings it back', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const fac = facilitator.client;
		const closed = await openPoll(fac, workshop.id, 'Faut-il une deuxième séance ?', [
			'Oui',
			'Non'
		]);
		const other = await openPoll(fac, workshop.id, 'Quelle heure pour la séance ?', [
			'9 h',
			'15 h'
		]);
		const agenda = await fac.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{
					title: 'Deuxième séance',
					kind: 'vote',
					durationSeconds: 300,
					linked: { type: 'poll', id: closed }
				},
				{ title: 'Discussion libre', kind: 'discussion', durationSeconds: 600 }
			]
		});
		expect(agenda.status).toBe(200);
		expect((await fac.json(`/api/polls/${closed}/close`, { method: 'POST' })).status).toBe(200);
		const person = await joinedParticipant(env.server, workshop.code, 'Ibrahim');
		const page = await phoneOf(person.client);
		await page.goto(`/w/${workshop.code}`);
		await page.waitForURL(`**/w/${workshop.code}/vote/${closed}`);
		await expect.poll(() => page.getByTestId('poll-status').textContent()).toBe('Clos');
		await saveScreen(page, 'vote-closed');

		// One tap to the workshop page, a touch target of at least 44 px.
		const toHub = page.getByTestId('to-workshop');
		expect((await toHub.boundingBox())!.height).toBeGreaterThanOrEqual(44);
		await toHub.click();
		await page.waitForURL((u) => u.pathname === `/w/${workshop.code}`);
		await hydrated(page);
		// The agenda is known here (the round's card and the banner are drawn from it)...
		await expect
			.poll(() => page.getByTestId('agenda-round-title').textContent())
			.toBe('Deuxième séance');
		const banner = page.getByTestId('follow-round');
		await expect.poll(() => banner.textContent()).toContain('Ouvrir le vote de la manche');
		// ...and the phone may use the page: the hand goes up, the other open vote is there.
		await page.getByTestId('queue-hand').click();
		await expect.poll(() => page.getByTestId('queue-position').count()).toBe(1);
		const queue = await fac.json<{ waiting: unknown[] }>(`/api/workshops/${workshop.id}/queue`);
		expect(queue.body.waiting).toHaveLength(1);
		const otherCard = page.locator(`[data-testid="live-poll"][data-poll-id="${other}"]`);
		await expect.poll(() => otherCard.textContent()).toContain('Quelle heure pour la séance ?');
		// Still here after all that: never sent back to the closed vote.
		expect(new URL(page.url()).pathname).toBe(`/w/${workshop.code}`);
		// A reload does not send it back either (the round was already seen in this tab).
		await page.reload();
		await expect
			.poll(() => page.getByTestId('agenda-round-title').textContent())
			.toBe('Deuxième séance');
		await expect.poll(() => page.getByTestId('live-status').textContent()).toContain('En ligne');
		expect(new URL(page.url()).pathname).toBe(`/w/${workshop.code}`);
		await saveScreen(page, 'hub');

		// The banner: one tap back to the current activity.
		expect((await banner.getByRole('link').boundingBox())!.height).toBeGreaterThanOrEqual(44);
		await banner.getByRole('link').click();
		await page.waitForURL(`**/w/${workshop.code}/vote/${closed}`);
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Faut-il une deuxième séance ?');

		// A change of round does take it along (here, to the workshop page of a round with no link).
		await agendaCommand(fac, workshop.id, 'next');
		await page.waitForURL((u) => u.pathname === `/w/${workshop.code}`);
		await expect
			.poll(() => page.getByTestId('agenda-round-title').textContent())
			.toBe('Discussion libre');
		await page.context().close();
	});
});

describe('a reviewer invited to the workshop', () => {
	it('lands on the plans to review, notified of the plan submitted before they joined, and is not taken along when the round changes', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const fac = facilitator.client;
		const wall = await fac.json<{ id: string }>(`/api/workshops/${workshop.id}/documents`, {
			method: 'POST',
			json: { kind: 'idea_wall', title: 'Mur : propreté du quartier' }
		});
		const plan = await fac.json<{ id: string }>(`/api/workshops/${workshop.id}/documents`, {
			method: 'POST',
			json: { kind: 'action_plan', title: 'Plan d’action local de Maradi I' }
		});
		await env.server.app.liveDocuments.editDoc(plan.body.id, (doc) =>
			appendActions(doc, FIRST_ACTIONS)
		);
		expect(
			(await fac.json(`/api/documents/${plan.body.id}/submit`, { method: 'POST' })).status
		).toBe(201);
		const poll = await openPoll(fac, workshop.id, 'Quel lieu ?', ['Mairie', 'École']);
		const agenda = await fac.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{
					title: 'Idées',
					kind: 'ideation',
					durationSeconds: 600,
					linked: { type: 'wall', id: wall.body.id }
				},
				{ title: 'Le lieu', kind: 'vote', durationSeconds: 300, linked: { type: 'poll', id: poll } }
			]
		});
		expect(agenda.status).toBe(200);
		const invite = await fac.json<{ url: string }>(`/api/workshops/${workshop.id}/invites`, {
			method: 'POST',
			json: { role: 'reviewer' }
		});
		expect(invite.status).toBe(201);
		const mayor = await signedInAccount(env.server, 'Moussa Ibrahim');

		const page = await phoneOf(mayor.client);
		await page.goto(new URL(invite.body.url).pathname);
		await hydrated(page);
		await page.getByRole('button', { name: /Accepter l.invitation/ }).click();
		await page.waitForURL((u) => u.pathname === `/w/${workshop.code}`);
		const reviews = page.getByTestId('pending-reviews');
		await expect.poll(() => reviews.getByTestId('pending-review').count()).toBe(1);
		expect(await reviews.textContent()).toContain('Plan d’action local de Maradi I');
		await expect.poll(() => page.getByTestId('notifications-count').textContent()).toContain('1');
		await expect.poll(() => page.getByTestId('agenda-round-title').textContent()).toBe('Idées');
		// Not on the wall, and no « revenir à l'activité » pulling them into the room's rounds.
		expect(new URL(page.url()).pathname).toBe(`/w/${workshop.code}`);
		expect(await page.getByTestId('follow-round').count()).toBe(0);
		await saveScreen(page, 'reviewer-landing');

		await agendaCommand(fac, workshop.id, 'next');
		await expect.poll(() => page.getByTestId('agenda-round-title').textContent()).toBe('Le lieu');
		expect(new URL(page.url()).pathname).toBe(`/w/${workshop.code}`);

		// The list leads to the review page.
		await reviews.getByRole('link').click();
		await page.waitForURL(`**/plans/${plan.body.id}/revue`);
		await page.context().close();
	});
});
