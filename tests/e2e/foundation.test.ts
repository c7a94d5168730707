import { describe, expect, it } from 'vitest';
import { e2eEnvironment, hydrated, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();

describe('a workshop from the first visit to a participant on the live list', () => {
	it('sets up the first account, creates a workshop, and sees a phone join live, all in French', async () => {
		const laptop = await laptopContext(env.browser, env.server.url);
		const page = await laptop.newPage();
		await page.goto('/');
		// Fields filled before hydration are reset by it, and the form then posts them empty.
		await hydrated(page);
		expect(await page.getAttribute('html', 'lang')).toBe('fr');
		await expect
			.poll(() => page.getByRole('heading', { name: 'Première installation' }).count())
			.toBe(1);

		await page.getByLabel('Nom').fill('Aïssa Animatrice');
		await page.getByLabel('Adresse e-mail').fill('aissa@civictech227.ne');
		await page.getByLabel(/Mot de passe/).fill('une-longue-phrase');
		await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
		await page.waitForURL('**/ateliers');

		await page.getByRole('link', { name: 'Nouvel atelier' }).click();
		await page.getByLabel('Titre').fill('Bootcamp Charte de la citoyenneté');
		await page.getByLabel('Type d’atelier').selectOption('bootcamp');
		await page.getByLabel(/Commune/).fill('Maradi II');
		await page.getByRole('button', { name: 'Créer l’atelier' }).click();
		await page.waitForURL(/\/w\/[A-Z0-9]{6}\/animation$/);
		const code = (await page.getByTestId('join-code').textContent())!.trim();
		expect(code).toMatch(/^[A-Z0-9]{6}$/);
		await expect
			.poll(() => page.getByTestId('present-count').textContent())
			.toContain('1 présent·e sur 1');

		const phone = await phoneContext(env.browser, env.server.url);
		const mobile = await phone.newPage();
		await mobile.goto('/');
		await mobile.getByPlaceholder('CODE').fill(code.toLowerCase());
		await mobile.getByRole('button', { name: 'Rejoindre' }).click();
		await mobile.waitForURL(`**/j/${code}`);
		await mobile.getByLabel('Votre nom (affiché aux autres)').fill('Haoua');
		await mobile.getByRole('button', { name: 'Entrer dans l’atelier' }).click();
		await mobile.waitForURL(`**/w/${code}`);
		await expect.poll(() => mobile.getByTestId('live-status').textContent()).toBe('En ligne');
		// Nothing overflows a 360 px phone.
		const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth);
		expect(overflow).toBeLessThanOrEqual(360);

		const haoua = page.getByTestId('member-list').getByText('Haoua');
		await expect.poll(() => haoua.count()).toBe(1);
		await expect
			.poll(() => page.getByTestId('present-count').textContent())
			.toContain('2 présent·es sur 2');

		await mobile.close();
		await expect
			.poll(() => page.getByTestId('present-count').textContent(), { timeout: 10_000 })
			.toContain('1 présent·e sur 2');
		await phone.close();
		await laptop.close();
	});

	it('shows a clear French error for an unknown join code', async () => {
		const phone = await phoneContext(env.browser, env.server.url);
		const page = await phone.newPage();
		const res = await page.goto('/j/ZZZZZZ');
		expect(res?.status()).toBe(404);
		expect(await page.textContent('body')).toContain('Aucun atelier n’a ce code');
		await phone.close();
	});
});
