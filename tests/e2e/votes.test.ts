import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();

describe('a live vote in the room', () => {
	it('the facilitator opens a vote, two phones vote, the projector shows "2 / 2" then the revealed bars', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const people = [
			await joinedParticipant(env.server, workshop.code, 'Haoua'),
			await joinedParticipant(env.server, workshop.code, 'Ibrahim')
		];

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		// The votes list is one of the control room's editing panels, closed until opened.
		await page.getByTestId('panel-votes').locator('> summary').click();
		const control = page.getByTestId('poll-control');
		await control.locator('summary', { hasText: 'Nouveau vote' }).click();
		const form = control.getByTestId('poll-create');
		await form.getByLabel('Question').fill('Quel thème pour la conférence ?');
		await form.getByLabel('Options (une par ligne)').fill('Eau\nSanté\nÉducation');
		await form.getByLabel('Affichage des résultats').selectOption('manual');
		await form.getByLabel('Les animateurs et animatrices votent aussi').uncheck();
		await form.getByRole('button', { name: 'Créer le vote' }).click();
		const poll = control.getByTestId('control-poll');
		await expect.poll(() => poll.getByTestId('poll-status').textContent()).toBe('Brouillon');
		await poll.getByRole('button', { name: 'Ouvrir le vote' }).click();
		await expect.poll(() => poll.getByTestId('poll-status').textContent()).toBe('Ouvert');
		await expect
			.poll(() => poll.getByTestId('poll-participation').textContent())
			.toContain('0 / 2');

		const phones = [];
		for (const [i, person] of people.entries()) {
			const context = await env.withSession(
				await phoneContext(env.browser, env.server.url),
				person.client
			);
			const mobile = await context.newPage();
			await mobile.goto(`/w/${workshop.code}`);
			const card = mobile.getByTestId('live-poll');
			await expect.poll(() => card.count()).toBe(1);
			await card.getByLabel(i === 0 ? 'Santé' : 'Eau').check();
			await card.getByRole('button', { name: 'Voter' }).click();
			await expect
				.poll(() => card.getByTestId('ballot-recorded').textContent())
				.toBe('Votre vote est enregistré.');
			// Manual reveal: no bar reaches a phone before the facilitator reveals.
			expect(await card.getByTestId('poll-bars').count()).toBe(0);
			phones.push(card);
		}

		await expect
			.poll(() => poll.getByTestId('poll-participation').textContent())
			.toBe('2 / 2 ont voté');
		expect(await poll.getByTestId('poll-bars').count()).toBe(0);

		await poll.getByRole('button', { name: 'Dévoiler les résultats' }).click();
		const values = poll.getByTestId('poll-bar-value');
		await expect.poll(() => values.allTextContents()).toEqual(['1', '1', '0']);
		const bars = poll.getByTestId('poll-bar');
		await expect.poll(() => bars.count()).toBe(3);
		expect(await bars.nth(0).getAttribute('width')).toBe('100');
		expect(await bars.nth(2).getAttribute('width')).toBe('0');
		for (const card of phones)
			await expect
				.poll(() => card.getByTestId('poll-bar-value').allTextContents())
				.toEqual(['1', '1', '0']);
	});
});
