import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqlDocumentStore } from '../../server/collab/document-store';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { documentText } from '../helpers/collab-client';
import { e2eEnvironment, hydrated, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();
/** Screenshots for a human look (not compared): E2E_SHOTS=<dir>. */
const shots = process.env.E2E_SHOTS;

describe('the saved badge and the size cap in a browser', () => {
	it('a phone says Enregistré only once its text is in the database, the facilitator raises the size cap, and an edit over the cap is refused with its reason', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'notes', title: 'Notes de la séance' } }
		);
		expect(created.status).toBe(201);
		const url = `/w/${workshop.code}/documents/${created.body.id}`;
		const participant = await joinedParticipant(env.server, workshop.code, 'Haoua');
		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			participant.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(url);
		const badge = mobile.getByTestId('saved-badge');
		await expect.poll(() => badge.getAttribute('data-saved'), { timeout: 15_000 }).toBe('saved');

		const editor = mobile.getByTestId('editor').locator('.tiptap');
		await editor.click();
		await mobile.keyboard.type('Le marché ferme à 18 h.', { delay: 5 });
		await expect.poll(() => badge.getAttribute('data-saved'), { timeout: 15_000 }).toBe('saved');
		// Enregistré now: the text must already be in the database, not only in the server's memory.
		const stored = await createSqlDocumentStore(env.server.app.database.db).load(created.body.id);
		const doc = new Y.Doc();
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const update of stored.updates) Y.applyUpdate(doc, update);
		expect(documentText(doc)).toContain('Le marché ferme à 18 h.');
		expect(await badge.textContent()).toBe('Enregistré');
		if (shots) {
			fs.mkdirSync(shots, { recursive: true });
			await mobile.screenshot({ path: `${shots}/phone-saved.png` });
		}

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(url);
		// A choice made before hydration never reaches the component's state (Appliquer stays off).
		await hydrated(page);
		const control = page.getByTestId('size-cap');
		await expect.poll(() => control.textContent()).toContain('Taille maximale du document');
		await expect
			.poll(() => page.getByTestId('size-cap-select').inputValue())
			.toBe(String(2 * 1024 * 1024));
		await page.getByTestId('size-cap-select').selectOption(String(8 * 1024 * 1024));
		await control.getByRole('button', { name: 'Appliquer' }).click();
		await expect
			.poll(
				async () =>
					(await facilitator.client.json<{ sizeCap: number }>(`/api/documents/${created.body.id}`))
						.body.sizeCap
			)
			.toBe(8 * 1024 * 1024);
		if (shots) {
			await page.setViewportSize({ width: 1366, height: 768 });
			await page.screenshot({ path: `${shots}/laptop-size-cap.png` });
			await mobile.reload();
			await expect.poll(() => badge.getAttribute('data-saved'), { timeout: 15_000 }).toBe('saved');
			await mobile.screenshot({ path: `${shots}/phone-after-reload.png` });
		}

		// Over the cap: the editor closes and says why, in French.
		const lowered = await facilitator.client.json(`/api/documents/${created.body.id}/size-cap`, {
			method: 'PUT',
			json: { bytes: 64 * 1024 }
		});
		expect(lowered.status).toBe(200);
		await editor.click();
		await mobile.keyboard.insertText('Un très long collage. '.repeat(4_000));
		const alert = mobile.getByRole('alert');
		await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('taille maximale');
		if (shots) {
			await mobile.evaluate(() => window.scrollTo(0, 0));
			await mobile.screenshot({ path: `${shots}/phone-too-large.png` });
		}
	});
});
