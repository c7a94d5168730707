import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, phoneContext } from './browser';

const env = e2eEnvironment();

describe('a phone on a network that drops', () => {
	it('types in the charter offline, reloads the page offline and still sees its text, which reaches the server once back online', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'charter', title: 'Charte', template: 'charter' } }
		);
		expect(created.status).toBe(201);
		const participant = await joinedParticipant(env.server, workshop.code, 'Haoua');
		const phone = await phoneContext(env.browser, env.server.url);
		await phone.addCookies([
			{
				name: 'palabre_session',
				value: participant.client.cookie('palabre_session')!,
				url: env.server.url
			}
		]);
		const page = await phone.newPage();
		const path = `/w/${workshop.code}/documents/${created.body.id}`;
		await page.goto(path);
		// The service worker installs the app shell; the next load goes through it and is kept.
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
		await page.reload();
		const editor = page.getByTestId('editor');
		await expect.poll(() => editor.textContent()).toContain('Préambule');

		// Open sockets survive the browser's offline switch, so the page is reloaded offline: it
		// comes from the service worker, the socket cannot connect, the text from IndexedDB.
		await phone.setOffline(true);
		await page.reload();
		await expect.poll(() => page.getByTestId('offline-badge').count()).toBe(1);
		await expect.poll(() => editor.textContent()).toContain('Préambule');
		await editor.locator('.tiptap').click();
		await page.keyboard.press('Control+End');
		await page.keyboard.press('Enter');
		await page.keyboard.type('Écrit sans réseau', { delay: 10 });

		await page.reload();
		await expect
			.poll(() => editor.textContent(), { timeout: 15_000 })
			.toContain('Écrit sans réseau');

		await phone.setOffline(false);
		await expect
			.poll(
				async () =>
					(
						await facilitator.client.request(`/api/documents/${created.body.id}/export?format=md`)
					).text(),
				{ timeout: 20_000 }
			)
			.toContain('Écrit sans réseau');
		await phone.close();
	});
});
