import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();

describe('the idea wall in two browsers', () => {
	it('a phone posts a card, the facilitator sees it and hides another, which leaves the phone', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'idea_wall', title: 'Mur : propreté du quartier' } }
		);
		expect(created.status).toBe(201);
		const url = `/w/${workshop.code}/mur/${created.body.id}`;
		const participant = await joinedParticipant(env.server, workshop.code, 'Haoua');

		// « Tout le monde ici »: the current round links the wall, so the phone is taken there.
		const agenda = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{
					title: 'Idées pour le quartier',
					kind: 'ideation',
					durationSeconds: 600,
					linked: { type: 'wall', id: created.body.id }
				}
			]
		});
		expect(agenda.status).toBe(200);
		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			participant.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(`/w/${workshop.code}`);
		await mobile.waitForURL((u) => u.pathname === url);
		await expect
			.poll(() => mobile.getByTestId('wall-status').textContent())
			.toContain('Enregistré');
		const post = async (text: string) => {
			await mobile.getByTestId('wall-post-text').fill(text);
			await mobile.getByRole('button', { name: 'Afficher au mur' }).click();
		};
		await post('Des poubelles au marché');
		await post('Vendre mon vélo (hors sujet)');
		const phoneBoard = mobile.getByTestId('wall-board');
		await expect.poll(() => phoneBoard.textContent()).toContain('Vendre mon vélo');
		// Phones first: nothing sticks out of a 360 px screen.
		const width = await mobile.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(360);

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(url);
		const board = page.getByTestId('wall-board');
		await expect.poll(() => board.textContent()).toContain('Des poubelles au marché');
		// By the card's own text: other cards name it too (in their « fusionner avec » list).
		const offTopic = board.getByTestId('wall-card').filter({
			has: page.getByTestId('wall-card-text').filter({ hasText: 'Vendre mon vélo' })
		});
		await offTopic.getByText('Actions sur la carte').click();
		await offTopic.getByTestId('wall-hide').click();
		await expect.poll(() => offTopic.textContent()).toContain('Masquée');

		await expect.poll(() => phoneBoard.textContent()).not.toContain('Vendre mon vélo');
		expect(await phoneBoard.textContent()).toContain('Des poubelles au marché');

		// The projector shows the wall of the current round, without the hidden card.
		const screen = await laptop.newPage();
		await screen.goto(`/w/${workshop.code}/ecran`);
		const projected = screen.getByTestId('screen-wall');
		await expect.poll(() => projected.textContent()).toContain('Des poubelles au marché');
		expect(await projected.textContent()).not.toContain('Vendre mon vélo');
		const actions = (await env.server.app.audit.list(workshop.id)).map((e) => e.action);
		expect(actions).toContain('wall.hide');
	});
});
