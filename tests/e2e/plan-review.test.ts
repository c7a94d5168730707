import { describe, expect, it } from 'vitest';
import { planWorkshop, PLAN_TITLE } from '../integration/plan-review-fixtures';
import { e2eEnvironment, hydrated, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();

describe('review and sign-off of an action plan in three browsers', () => {
	it('the facilitator submits, the mayor approves on a phone, the public sees the signature', async () => {
		const setup = await planWorkshop(env.server);

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			setup.facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${setup.workshop.code}`);
		await hydrated(page);
		const list = page.getByTestId('documents');
		await expect.poll(() => list.textContent()).toContain(PLAN_TITLE);
		await list.getByRole('link', { name: 'Revue et suivi' }).click();
		await page.waitForURL(/\/plans\/.+\/revue$/);
		await expect.poll(() => page.getByTestId('review-status').textContent()).toContain('Brouillon');
		await page.getByTestId('review-submit').click();
		await expect
			.poll(() => page.getByTestId('review-status').textContent())
			.toContain('en attente de relecture');
		await expect.poll(() => page.getByTestId('review-action').count()).toBe(2);

		// The mayor, on a phone, follows the notification to the submitted version.
		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			setup.mayor.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(`/w/${setup.workshop.code}`);
		await hydrated(mobile);
		await expect.poll(() => mobile.getByTestId('notifications-count').textContent()).toContain('1');
		await mobile.getByTestId('notifications-link').click();
		await mobile.getByTestId('notification').getByRole('button').click();
		await mobile.waitForURL(/\/revue$/);
		await hydrated(mobile);
		const actions = mobile.getByTestId('review-action');
		await expect
			.poll(() => actions.first().textContent())
			.toContain('Forage au quartier Sabon Gari');
		await expect
			.poll(() => mobile.getByTestId('review-total').textContent())
			.toMatch(/2.300.000.FCFA/);
		await expect
			.poll(() => mobile.getByLabel('Nom du signataire').inputValue())
			.toBe('Moussa Ibrahim');
		await mobile
			.getByLabel('Titre (ex. : Maire de la commune de Maradi I)')
			.fill('Maire de la commune de Maradi I');
		await mobile.getByLabel('Déclaration (facultative)').fill('La commune adopte ce plan.');
		await mobile.getByTestId('review-approve').click();
		await expect
			.poll(() => mobile.getByTestId('review-status').textContent())
			.toContain('Approuvé');
		await expect
			.poll(() => mobile.getByTestId('review-approval').textContent())
			.toMatch(/Approuvé par Moussa Ibrahim, Maire de la commune de Maradi I, le \d/);

		// The facilitator's page shows the decision after a reload.
		await page.reload();
		await hydrated(page);
		await expect.poll(() => page.getByTestId('review-status').textContent()).toContain('Approuvé');
		await expect
			.poll(() => page.getByTestId('public-link').getAttribute('href'))
			.toBe(`/suivi/${setup.documentId}`);

		// Anyone, without an account.
		const publicContext = await laptopContext(env.browser, env.server.url);
		const visitor = await publicContext.newPage();
		await visitor.goto(`/suivi/${setup.documentId}`);
		await expect
			.poll(() => visitor.getByTestId('public-approval').textContent())
			.toMatch(
				/Approuvé par Moussa Ibrahim, Maire de la commune de Maradi I, le \d{1,2} \S+ \d{4}/
			);
		await expect.poll(() => visitor.getByTestId('public-followup').count()).toBe(2);

		await Promise.all([laptop.close(), phone.close(), publicContext.close()]);
	});
});
