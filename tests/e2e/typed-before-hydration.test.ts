// On 3G the join form is on screen seconds before its JavaScript: what a participant types in that
// time must survive hydration (a `value={…}` attribute used to reset it to the server's value).
// The scripts are held until the typing is done, so the order is certain without any delay.
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, hydrated, phoneContext } from './browser';

const env = e2eEnvironment();
const contexts: BrowserContext[] = [];
afterAll(async () => {
	for (const context of contexts) await context.close();
});

/** A phone whose app scripts wait until `release()`; the page's HTML arrives at once. */
async function phoneWithHeldScripts() {
	const context = await phoneContext(env.browser, env.server.url);
	contexts.push(context);
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await context.route('**/_app/**/*.js', async (route) => {
		await released;
		await route.continue();
	});
	return { page: await context.newPage(), release };
}

async function typeThenHydrate(page: Page, release: () => void, fill: () => Promise<void>) {
	await fill();
	release();
	await hydrated(page);
}

describe('typing before the page’s JavaScript has arrived', () => {
	it('a participant’s name typed before hydration is kept and joins the workshop', async () => {
		const { workshop } = await workshopWithFacilitator(env.server);
		const { page, release } = await phoneWithHeldScripts();
		await page.goto(`/j/${workshop.code}`, { waitUntil: 'domcontentloaded' });
		const name = page.locator('input[name="displayName"]');
		await typeThenHydrate(page, release, () => name.fill('Haoua Issoufou'));
		expect(await name.inputValue()).toBe('Haoua Issoufou');
		await page.getByRole('button', { name: 'Entrer' }).click();
		await page.waitForURL(`**/w/${workshop.code}**`);
		await expect.poll(() => page.locator('main').first().textContent()).toContain('Haoua Issoufou');
	});

	it('an e-mail typed on the sign-in page before hydration is kept', async () => {
		const { page, release } = await phoneWithHeldScripts();
		await page.goto('/connexion', { waitUntil: 'domcontentloaded' });
		const email = page.getByLabel('Adresse e-mail');
		await typeThenHydrate(page, release, () => email.fill('aissa@maradi.ne'));
		expect(await email.inputValue()).toBe('aissa@maradi.ne');
	});
});
