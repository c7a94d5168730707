import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../server/http-server';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';
import { launchChromium, laptopContext, phoneContext } from './browser';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	server = await startTestServer();
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});

async function withSession(context: BrowserContext, client: HttpClient) {
	const value = client.cookie('palabre_session');
	if (!value) throw new Error('no session cookie');
	await context.addCookies([{ name: 'palabre_session', value, url: server.url }]);
	return context;
}

/** Types at the end of the editor's text, as a person would after tapping it. */
async function typeAtEnd(page: Page, text: string) {
	const editor = page.getByTestId('editor').locator('.tiptap');
	await editor.click();
	await page.keyboard.press('Control+End');
	await page.keyboard.press('Enter');
	await page.keyboard.type(text, { delay: 10 });
}

describe('co-editing the charter in two browsers', () => {
	it('both see each other’s text and caret, and the lock turns the participant read-only', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const participant = await joinedParticipant(server, workshop.code, 'Haoua');

		const laptop = await withSession(await laptopContext(browser, server.url), facilitator.client);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		const list = page.getByTestId('documents');
		// The list is loaded once the page is live (hydrated): only then does the form take input.
		await expect.poll(() => list.textContent()).toContain('Aucun document');
		await list.getByLabel('Titre du document').fill('Charte de la citoyenneté');
		await list.getByRole('button', { name: 'Créer le document' }).click();
		await list.getByRole('link', { name: 'Charte de la citoyenneté' }).click();
		await page.waitForURL(/\/documents\//);
		const url = new URL(page.url()).pathname;
		const facEditor = page.getByTestId('editor');
		await expect.poll(() => facEditor.textContent()).toContain('Article 1 — Objet de la charte');

		const phone = await withSession(await phoneContext(browser, server.url), participant.client);
		const mobile = await phone.newPage();
		await mobile.goto(url);
		const phoneEditor = mobile.getByTestId('editor');
		await expect.poll(() => phoneEditor.textContent()).toContain('Préambule');
		await expect.poll(() => mobile.getByTestId('people-here').textContent()).toContain('Haoua');

		await typeAtEnd(page, 'Article 5 — Proposé par l’animation');
		await typeAtEnd(mobile, 'Article 6 — Proposé par Haoua');
		await expect
			.poll(() => phoneEditor.textContent())
			.toContain('Article 5 — Proposé par l’animation');
		await expect.poll(() => facEditor.textContent()).toContain('Article 6 — Proposé par Haoua');
		// Each sees the other's caret, labelled with their display name.
		await expect
			.poll(() => facEditor.locator('.collaboration-carets__label').allTextContents())
			.toContain('Haoua');
		await expect
			.poll(() => phoneEditor.locator('.collaboration-carets__label').allTextContents())
			.toContain('Aïcha Animatrice');

		await page.getByTestId('lock-toggle').click();
		await expect.poll(() => mobile.getByTestId('read-only').textContent()).toContain('verrouillé');
		await expect
			.poll(() => phoneEditor.locator('.tiptap').getAttribute('contenteditable'))
			.toBe('false');
		await expect
			.poll(() => page.getByTestId('lock-toggle').textContent())
			.toContain('Déverrouiller');

		await laptop.close();
		await phone.close();
	});
});
