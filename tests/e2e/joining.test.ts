// The facilitator closes joining from the facilitator's view; a phone with the code is then told
// why it cannot join, and gets in once joining is reopened.
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, hydrated, phoneContext } from './browser';

const env = e2eEnvironment();
const contexts: BrowserContext[] = [];
afterAll(async () => {
	for (const context of contexts) await context.close();
});

/** Screenshots for a human to look at, only when asked (SCREENSHOT_DIR). */
async function shoot(page: Page, name: string) {
	const dir = process.env.SCREENSHOT_DIR;
	if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: false });
}

describe('closing joining from the facilitator’s view', () => {
	it('a phone is told joining is closed, and joins once the facilitator reopens it', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const laptop = await env.withSession(
			await env.browser.newContext({
				baseURL: env.server.url,
				viewport: { width: 1366, height: 768 },
				locale: 'fr-FR'
			}),
			facilitator.client
		);
		contexts.push(laptop);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		await hydrated(page);
		const control = page.getByTestId('joining-control');
		await expect.poll(() => control.textContent()).toContain('Accès ouvert');
		await control.getByRole('button', { name: 'Fermer l’accès' }).click();
		await expect.poll(() => control.textContent()).toContain('Accès fermé');
		await shoot(page, 'joining-closed-laptop');

		const phone = await phoneContext(env.browser, env.server.url);
		contexts.push(phone);
		const mobile = await phone.newPage();
		await mobile.goto(`/j/${workshop.code}`);
		await hydrated(mobile);
		await mobile.getByLabel('Votre nom').fill('Zeinabou');
		await mobile.getByRole('button', { name: /Entrer dans/ }).click();
		const alert = mobile.getByRole('alert');
		await expect.poll(() => alert.textContent()).toContain('L’accès à cet atelier est fermé');
		await shoot(mobile, 'joining-closed-phone');

		await control.getByRole('button', { name: 'Rouvrir l’accès' }).click();
		await expect.poll(() => control.textContent()).toContain('Accès ouvert');
		await mobile.getByRole('button', { name: /Entrer dans/ }).click();
		await mobile.waitForURL(`**/w/${workshop.code}`);
		await shoot(page, 'joining-open-laptop');

		// A facilitator with only a phone finds the same switch.
		const small = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			facilitator.client
		);
		contexts.push(small);
		const pocket = await small.newPage();
		await pocket.goto(`/w/${workshop.code}/animation`);
		await hydrated(pocket);
		await expect
			.poll(() => pocket.getByTestId('joining-status').textContent())
			.toContain('Accès ouvert');
		await shoot(pocket, 'joining-open-phone');
	});
});
