// A phone's edit that reaches the server after its article was adopted: the server's
// charter guard drops it, the editor forgets its copy and starts again from the server's text, and
// the phone keeps writing in the other articles. The phone's socket is held by a route so its
// edit is sent only once the article is adopted — the race a busy room produces by itself.
import { describe, expect, it } from 'vitest';
import { joinedParticipant } from '../helpers/fixtures';
import { workshopWithCharter } from '../realtime/documents-fixtures';
import {
	articleBodyText,
	readArticles,
	setArticleStatus
} from '../../src/lib/server/charter/article-doc';
import { e2eEnvironment, hydrated, phoneContext } from './browser';

const env = e2eEnvironment();

describe('a charter article adopted while a phone types in it', () => {
	it('drops the late edit, reloads the server’s text in the editor and keeps it writable', async () => {
		const setup = await workshopWithCharter(env.server);
		const haoua = await joinedParticipant(env.server, setup.workshop.code, 'Haoua');
		const liveDoc = () => env.server.app.liveDocuments.getDoc(setup.documentId);
		const [, first, , third] = readArticles(await liveDoc());
		const context = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			haoua.client
		);
		const page = await context.newPage();
		let holding = false;
		const held: Array<() => void> = [];
		await page.routeWebSocket(/\/collab/, (ws) => {
			const server = ws.connectToServer();
			ws.onMessage((message) => {
				if (holding) held.push(() => server.send(message));
				else server.send(message);
			});
		});
		await page.goto(`/w/${setup.workshop.code}/documents/${setup.documentId}`);
		await hydrated(page);
		const editor = page.getByTestId('editor');
		await expect.poll(() => editor.textContent()).toContain('Article 1 — Objet de la charte');
		const articles = editor.locator('section[data-charter-article]');

		// The phone types into Article 1 while its messages wait…
		holding = true;
		await articles.nth(1).locator('p').first().click();
		await page.keyboard.type('Tardif ', { delay: 5 });
		await expect.poll(() => held.length).toBeGreaterThan(0);
		await expect.poll(() => editor.textContent()).toContain('Tardif');
		// …the room adopts Article 1, the phone hears it, then its edit goes out.
		await env.server.app.liveDocuments.editDoc(setup.documentId, (doc) =>
			setArticleStatus(doc, first.articleId, 'adopted')
		);
		await expect
			.poll(() => articles.nth(1).locator('.charter-status').textContent())
			.toBe('adopté');
		holding = false;
		for (const send of held.splice(0)) send();

		// The editor starts again from the server's text: the late words are gone everywhere.
		await expect.poll(() => editor.textContent()).not.toContain('Tardif');
		await expect.poll(() => editor.textContent()).toContain('Article 1 — Objet de la charte');
		expect(articleBodyText(await liveDoc(), first.articleId)).toBe(first.text);

		// And it still writes where writing is allowed.
		await articles.nth(3).locator('p').first().click();
		await page.keyboard.type('Vu. ', { delay: 5 });
		await expect
			.poll(async () => articleBodyText(await liveDoc(), third.articleId))
			.toContain('Vu.');
		expect(articleBodyText(await liveDoc(), first.articleId)).toBe(first.text);
		await context.close();
	});
});
