// The versions panel's diff, in the browser at 1366×768: the document's headings stay headings,
// list items keep their markers, and a legend says what the marks mean (underlined added text,
// struck-through removed text), in French. SCREENSHOTS=dir saves what was seen.
import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { workshopWithCharter } from '../realtime/documents-fixtures';
import { e2eEnvironment, hydrated } from './browser';

const env = e2eEnvironment();

/** The first element of the document named `name` whose text starts with `start`. */
function element(doc: Y.Doc, name: string, start: string): Y.XmlElement {
	const walker = doc
		.getXmlFragment('default')
		.createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === name);
	for (const node of walker) {
		const first = (node as Y.XmlElement).get(0);
		if (first instanceof Y.XmlText && first.toString().startsWith(start))
			return node as Y.XmlElement;
	}
	throw new Error(`no ${name} starting with ${start}`);
}

describe('the version diff', () => {
	it('sets headings as headings, items as items, and explains its marks in a legend', async () => {
		const setup = await workshopWithCharter(env.server);
		const base = `/api/documents/${setup.documentId}`;
		const saved = await setup.facilitator.client.json(`${base}/versions`, {
			method: 'POST',
			json: { name: 'Fin de la manche 1' }
		});
		expect(saved.status).toBe(201);
		await env.server.app.liveDocuments.editDoc(setup.documentId, (doc) => {
			// The charter's articles are nodes: Article 1's title is "Objet de la charte".
			const title = element(doc, 'articleTitle', 'Objet de la charte');
			(title.get(0) as Y.XmlText).insert('Objet de la charte'.length, ' et champ d’application');
			const paragraph = element(doc, 'paragraph', 'Respecter les biens communs');
			const text = paragraph.get(0) as Y.XmlText;
			text.delete(0, text.length);
			text.insert(0, 'Entretenir les forages du quartier.');
		});

		const context = await env.withSession(
			await env.browser.newContext({
				baseURL: env.server.url,
				viewport: { width: 1366, height: 768 },
				locale: 'fr-FR'
			}),
			setup.facilitator.client
		);
		const page = await context.newPage();
		await page.goto(`/w/${setup.workshop.code}/documents/${setup.documentId}`);
		await hydrated(page);
		const versions = page.getByTestId('versions');
		await versions.getByRole('button', { name: 'Comparer avec le texte actuel' }).click();
		const diff = page.getByTestId('version-diff');
		await diff.waitFor();

		// Headings are headings, ranked under the diff's own title (h3).
		const headings = diff.locator('h5');
		await expect
			.poll(() => headings.allTextContents())
			.toContain('Article 2 — Droits et devoirs des citoyens');
		const changed = diff.locator('h5', { hasText: 'Article 1' });
		expect(await changed.locator('ins').textContent()).toContain('et champ d’application');
		// The list keeps its bullets; the replaced item shows old words struck, new ones added.
		const item = diff.locator('p.item', { hasText: 'Entretenir' });
		expect(await item.locator('.marker').textContent()).toBe('•');
		expect((await item.locator('del').allTextContents()).join(' ')).toContain('Respecter');
		// Never colour alone: underline for added, line-through for removed, and a legend.
		const legend = diff.getByTestId('diff-legend');
		expect(await legend.textContent()).toMatch(
			/Légende.*texte ajouté \(souligné\).*texte supprimé \(barré\)/
		);
		const decoration = (selector: string) =>
			diff
				.locator(selector)
				.first()
				.evaluate((el) => getComputedStyle(el).textDecorationLine);
		expect(await decoration('.diff ins')).toBe('underline');
		expect(await decoration('.diff del')).toBe('line-through');
		// Screen readers hear where a change starts.
		expect(await changed.locator('ins .visually-hidden').textContent()).toMatch(/^Ajout/);

		if (process.env.SCREENSHOTS) {
			await diff.scrollIntoViewIfNeeded();
			await page.screenshot({ path: path.join(process.env.SCREENSHOTS, 'version-diff-1366.png') });
			await diff.screenshot({ path: path.join(process.env.SCREENSHOTS, 'version-diff-panel.png') });
			await page.setViewportSize({ width: 360, height: 740 });
			await diff.screenshot({ path: path.join(process.env.SCREENSHOTS, 'version-diff-360.png') });
		}
		await context.close();
	});
});
