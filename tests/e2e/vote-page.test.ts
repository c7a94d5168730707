// The light voting page on a 360 px phone: the round points at a poll, the phone on the workshop
// page is taken to `/w/CODE/vote/POLL`, ranks the options, votes, sees its ballot recorded and the
// count go up, changes its ballot, and sees the bars only once the facilitator reveals them.
import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, phoneContext } from './browser';

const env = e2eEnvironment();

describe('the light voting page on a phone', () => {
	it('follows the round to the vote, ranks, votes, changes the ballot and sees the results once revealed', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/polls`,
			{
				method: 'POST',
				json: {
					question: 'Quel thème pour la conférence ?',
					method: 'ranked',
					options: [{ label: 'Eau' }, { label: 'Santé' }, { label: 'Éducation' }],
					reveal: 'manual'
				}
			}
		);
		expect(created.status).toBe(201);
		const pollId = created.body.id;
		const open = await facilitator.client.json(`/api/polls/${pollId}/open`, { method: 'POST' });
		expect(open.status).toBe(200);
		const agenda = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{
					title: 'Choix du thème',
					kind: 'vote',
					durationSeconds: 600,
					linked: { type: 'poll', id: pollId }
				}
			]
		});
		expect(agenda.status).toBe(200);
		const person = await joinedParticipant(env.server, workshop.code, 'Haoua');

		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			person.client
		);
		const page = await phone.newPage();
		await page.goto(`/w/${workshop.code}`);
		// « Tout le monde ici »: the round's activity is the vote, so the phone goes to its page.
		await page.waitForURL(`**/w/${workshop.code}/vote/${pollId}`);
		const vote = page.getByTestId('vote-page');
		await expect
			.poll(() => vote.getByRole('heading', { level: 1 }).textContent())
			.toBe('Quel thème pour la conférence ?');
		await expect.poll(() => vote.getByTestId('live-status').textContent()).toBe('En ligne');
		// Made for 360 px: nothing sticks out sideways.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);

		const form = vote.getByTestId('ballot-form');
		await form.getByRole('button', { name: 'Monter « Santé »' }).click();
		await expect
			.poll(() => form.locator('li .grow').allTextContents())
			.toEqual(['Santé', 'Eau', 'Éducation']);
		await form.getByRole('button', { name: 'Voter' }).click();
		await expect
			.poll(() => vote.getByTestId('ballot-recorded').textContent())
			.toBe('Votre vote est enregistré.');
		await expect
			.poll(() => vote.getByTestId('poll-participation').textContent())
			.toMatch(/^1 \/ \d+ ont voté$/);
		// Manual reveal: no bar before the facilitator reveals.
		expect(await vote.getByTestId('poll-bars').count()).toBe(0);
		await expect.poll(() => vote.getByTestId('poll-results-hidden').count()).toBe(1);

		// Changes allowed until close: the same page, a new ranking, still one ballot.
		await form.getByRole('button', { name: 'Descendre « Santé »' }).click();
		await form.getByRole('button', { name: 'Changer mon vote' }).click();
		await expect.poll(() => vote.getByTestId('ballot-sending').count()).toBe(0);

		const reveal = await facilitator.client.json(`/api/polls/${pollId}/reveal`, { method: 'POST' });
		expect(reveal.status).toBe(200);
		const results = await facilitator.client.json<{ totalBallots: number }>(
			`/api/polls/${pollId}/results`
		);
		expect(results.body.totalBallots).toBe(1);
		await expect.poll(() => vote.getByTestId('poll-bars').count()).toBe(1);
		// The changed ballot is the one counted: Eau first.
		const winner = vote.locator('.winner .label');
		await expect.poll(() => winner.textContent()).toBe('Eau');
	});
});
