import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, hydrated, laptopContext, phoneContext } from './browser';
import { readActions } from '../../src/lib/server/plans/read-plan';

const env = e2eEnvironment();

describe('drafting an action plan on a laptop and a phone', () => {
	it('each edits a different action and sees the other’s; a bad budget is flagged and kept', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'action_plan', title: 'Plan d’action local 2027' } }
		);
		expect(created.status).toBe(201);
		await facilitator.client.json(`/api/workshops/${workshop.id}/plan-settings`, {
			method: 'PUT',
			json: { currency: 'FCFA', axes: ['Eau et assainissement', 'Éducation'] }
		});
		const participant = await joinedParticipant(env.server, workshop.code, 'Haoua');

		// The facilitator comes through the documents list's link: it leads to the plan page.
		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/documents/${created.body.id}`);
		await page.waitForURL(`**/w/${workshop.code}/plans/${created.body.id}`);
		// A click on the server-rendered button before hydration does nothing.
		await hydrated(page);
		await expect.poll(() => page.getByText('Aucune action pour l’instant.').count()).toBe(1);

		// Laptop: add an action, type its title, then walk to the budget with the arrow keys.
		await page.getByRole('button', { name: 'Ajouter une action' }).click();
		const title = page.getByRole('textbox', { name: 'Titre', exact: true });
		await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
		await title.pressSequentially('Forage à Dan Goulbi');
		await page.keyboard.press('Escape');
		const table = page.getByTestId('plan-table');
		await expect
			.poll(() => table.locator('td[data-field="title"] .value').first().textContent())
			.toBe('Forage à Dan Goulbi');
		// Main columns (partners hidden): title → owner → budget.
		for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Enter');
		await page.getByRole('textbox', { name: 'Budget' }).pressSequentially('12500000');
		await page.keyboard.press('Escape');
		await expect
			.poll(() => table.locator('td[data-field="budget"] .value').first().textContent())
			.toBe('12\u202f500\u202f000 FCFA');
		await expect
			.poll(() => page.getByTestId('plan-total').textContent())
			.toBe('12\u202f500\u202f000 FCFA');

		// Phone (360 px): the same plan as cards; Haoua adds and fills another action.
		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			participant.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(`/w/${workshop.code}/plans/${created.body.id}`);
		await hydrated(mobile);
		const cards = mobile.getByTestId('plan-cards');
		await expect.poll(() => cards.textContent()).toContain('Forage à Dan Goulbi');
		expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await mobile.getByRole('button', { name: 'Ajouter une action' }).click();
		const card = cards.locator('li[data-action]').nth(1);
		await card.getByLabel('Titre', { exact: true }).pressSequentially('Latrines à l’école');
		await card.getByLabel('Axe du PDC').selectOption('Éducation');

		await expect
			.poll(() => table.locator('td[data-field="title"] .value').allTextContents())
			.toEqual(['Forage à Dan Goulbi', 'Latrines à l’école']);
		await expect
			.poll(() => table.locator('td[data-field="axis"] .value').nth(1).textContent())
			.toBe('Éducation');

		// Laptop edits its own action's status while the phone types a bad budget in the other.
		await page.locator('td[data-field="status"]').first().dblclick();
		await page.getByRole('combobox', { name: 'Statut' }).selectOption('in_progress');
		await card.getByLabel('Budget').pressSequentially('3 millions');
		// While Haoua's cursor is in that action, the laptop's row says so.
		await expect
			.poll(() =>
				table.locator('tr[data-action]').nth(1).getByTestId('action-editor').allTextContents()
			)
			.toEqual(['Haoua']);
		await expect
			.poll(() => card.getByTestId('field-problem').allTextContents())
			.toEqual(['Le budget doit être un nombre entier.']);
		await expect
			.poll(() => cards.locator('li[data-action]').first().textContent())
			.toContain('En cours');
		await expect
			.poll(() => table.locator('td[data-field="budget"]').nth(1).textContent())
			.toContain('Le budget doit être un nombre entier.');
		await expect
			.poll(() => page.getByTestId('without-budget').textContent())
			.toContain('1 action sans budget valide');

		// What was typed survives a reload, still flagged.
		await mobile.reload();
		const again = mobile.getByTestId('plan-cards').locator('li[data-action]').nth(1);
		await expect.poll(() => again.textContent()).toContain('Latrines à l’école');
		await again.getByRole('button', { name: 'Modifier' }).click();
		await expect.poll(() => again.getByLabel('Budget').inputValue()).toBe('3 millions');
		await expect
			.poll(() => again.getByTestId('field-problem').allTextContents())
			.toEqual(['Le budget doit être un nombre entier.']);

		// The timeline draws dated actions, each bar titled for screen readers.
		await page.locator('td[data-field="start"]').first().dblclick();
		await page.getByLabel('Début').fill('2027-01-15');
		await page.keyboard.press('Escape');
		await page.locator('td[data-field="deadline"]').first().dblclick();
		await page.getByLabel('Échéance').fill('2027-06-30');
		await page.keyboard.press('Escape');
		const bar = page.getByTestId('timeline-bar');
		await expect.poll(() => bar.count()).toBe(1);
		await expect.poll(() => bar.locator('title').textContent()).toContain('Forage à Dan Goulbi');

		// The description is rich text, in an editor loaded when it is first opened.
		await table.getByRole('button', { name: 'Modifier la description' }).first().click();
		const description = page.getByTestId('description-panel').locator('.tiptap');
		await expect.poll(() => description.count()).toBe(1);
		await description.click();
		await page.keyboard.type('Former le comité de gestion');
		await expect
			.poll(async () => {
				const doc = await env.server.app.liveDocuments.getDoc(created.body.id);
				return readActions(doc).find((a) => a.title === 'Forage à Dan Goulbi')?.description;
			})
			.toBe('Former le comité de gestion');
		await expect
			.poll(() =>
				table.getByRole('button', { name: 'Modifier la description' }).first().textContent()
			)
			.toContain('Former le comité de gestion');

		await laptop.close();
		await phone.close();
	});
});
