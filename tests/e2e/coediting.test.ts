import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();

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
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const participant = await joinedParticipant(env.server, workshop.code, 'Haoua');

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		// The documents list is one of the control room's editing panels, closed until opened.
		await page.getByTestId('panel-documents').locator('> summary').click();
		const list = page.getByTestId('documents');
		// The list is loaded once the page is live (hydrated): only then does the form take input.
		await expect.poll(() => list.textContent()).toContain('Aucun document');
		await list.getByLabel('Titre du document').fill('Charte de la citoyenneté');
		await list.getByRole('button', { name: 'Créer le document' }).click();
		await list.getByRole('link', { name: 'Charte de la citoyenneté' }).click();
		await page.waitForURL(/\/documents\//);
		const url = new URL(page.url()).pathname;
		const facEditor = page.getByTestId('editor');
		await expect.poll(() => facEditor.textContent()).toContain('Objet de la charte');

		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			participant.client
		);
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
