import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();

describe('running an agenda from the laptop, followed on a phone', () => {
	it('a facilitator runs a two-round agenda and the phone follows the clock and the next round', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const put = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{ title: 'Accueil', kind: 'presentation', durationSeconds: 600 },
				{
					title: 'Idéation en tables',
					kind: 'ideation',
					durationSeconds: 900,
					instructions: 'Une idée par carte.'
				}
			]
		});
		expect(put.status).toBe(200);
		const participant = await joinedParticipant(env.server, workshop.code, 'Haoua');

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		const run = page.getByTestId('agenda-run');
		await expect.poll(() => run.getByTestId('agenda-round-title').textContent()).toBe('Accueil');

		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			participant.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(`/w/${workshop.code}`);
		const round = mobile.getByTestId('current-round');
		await expect.poll(() => round.getByTestId('agenda-round-title').textContent()).toBe('Accueil');
		await expect
			.poll(() => round.getByTestId('agenda-timer-state').textContent())
			.toBe('Pas commencée');

		await run.getByRole('button', { name: 'Démarrer' }).click();
		await expect.poll(() => round.getByTestId('agenda-timer-state').textContent()).toBe('En cours');
		const countdown = round.getByTestId('agenda-countdown');
		await expect.poll(() => countdown.textContent()).toMatch(/^\s*(10:00|09:[0-5]\d)\s*$/);
		// The phone counts down on its own (the server sends nothing per second).
		const first = (await countdown.textContent())!.trim();
		await expect
			.poll(() => countdown.textContent().then((t) => t!.trim()), { timeout: 5_000 })
			.not.toBe(first);

		await run.getByRole('button', { name: 'Manche suivante' }).click();
		await expect
			.poll(() => round.getByTestId('agenda-round-title').textContent())
			.toBe('Idéation en tables');
		await expect.poll(() => round.textContent()).toContain('Une idée par carte.');
		await expect
			.poll(() => run.getByTestId('agenda-round-title').textContent())
			.toBe('Idéation en tables');

		await phone.close();
		await laptop.close();
	});

	it('a facilitator with an empty agenda starts from the template of the workshop kind', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		const run = page.getByTestId('agenda-run');
		await run.getByRole('button', { name: /Partir du modèle « Collaborathon/ }).click();
		await expect
			.poll(() => run.getByTestId('agenda-items').locator('li').count())
			.toBeGreaterThan(5);
		const title = (await run.getByTestId('agenda-round-title').textContent())!.trim();
		const api = await facilitator.client.json<{ items: Array<{ title: string }> }>(
			`/api/workshops/${workshop.id}/agenda`
		);
		expect(api.body.items[0]!.title).toBe(title);
		expect(title).not.toMatch(/^agenda_tpl_/);
		await laptop.close();
	});
});
