// The charter article by article, in the room: on a 360 px phone a participant proposes
// a replacement by tapping a sentence (no editor needed), the facilitator at 1366×768 puts the
// amendments then the article to the vote in one click, two phones vote, and the article shows
// the merged text and « Adopté »; the consolidated PDF read back holds the vote line.
// PALABRE_SCREENS=dir saves what was seen (tests/e2e/screens.ts).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { joinedParticipant } from '../helpers/fixtures';
import { pdfText } from '../helpers/file-text';
import { workshopWithCharter } from '../realtime/documents-fixtures';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { facilitatorLaptopContext } from './devices';
import { expectNoSeriousAxeViolations } from './axe';
import { saveScreen } from './screens';

const env = e2eEnvironment();
const SENTENCE = 'La commune organise au moins une concertation publique par trimestre.';
const AMENDED = 'La commune organise au moins une concertation publique par mois.';
const TITLE = 'Participation à la vie communale';

/** From the charter page: the open poll's « Voter » link, then « Pour » on the light vote page. */
async function votePour(page: Page, docUrl: string, where: 'amendment' | 'article') {
	await page.goto(docUrl);
	await hydrated(page);
	await page.getByTestId('outline-article').filter({ hasText: TITLE }).click();
	const card = page.getByTestId('article-card');
	const scope = where === 'amendment' ? card.getByTestId('amendment') : card;
	const link = scope.getByTestId('charter-poll-vote').first();
	await link.waitFor();
	await link.click();
	await page.waitForURL(/\/vote\//);
	await hydrated(page);
	const vote = page.getByTestId('vote-page');
	await vote.getByLabel('Pour').check();
	await vote.getByRole('button', { name: 'Voter' }).click();
	await expect
		.poll(() => vote.getByTestId('ballot-recorded').textContent())
		.toBe('Votre vote est enregistré.');
}

describe('the charter, article by article', () => {
	it('a phone proposes a replacement by tapping a sentence; two phones adopt it, then the article; the PDF says so', async () => {
		const setup = await workshopWithCharter(env.server);
		const people = [
			await joinedParticipant(env.server, setup.workshop.code, 'Haoua'),
			await joinedParticipant(env.server, setup.workshop.code, 'Ibrahim')
		];
		const docUrl = `/w/${setup.workshop.code}/documents/${setup.documentId}`;

		// 1. Haoua's phone: outline → article 3 → « Proposer un amendement » → tap the sentence.
		const haoua = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			people[0].client
		);
		const phone = await haoua.newPage();
		await phone.goto(docUrl);
		await hydrated(phone);
		const outline = phone.getByTestId('outline-article');
		await expect.poll(() => outline.count()).toBe(5);
		expect(await outline.first().textContent()).toContain('Préambule');
		await outline.filter({ hasText: TITLE }).click();
		const card = phone.getByTestId('article-card');
		await expect.poll(() => card.locator('h3').first().textContent()).toBe(`Article 3 — ${TITLE}`);
		await card.getByRole('button', { name: 'Proposer un amendement' }).click();
		const sheet = phone.getByTestId('propose-amendment');
		await sheet.waitFor();
		await sheet.getByLabel('Remplacer').check();
		await sheet.getByTestId('sentence').filter({ hasText: SENTENCE }).click();
		expect(
			await sheet.getByTestId('sentence').filter({ hasText: SENTENCE }).getAttribute('aria-pressed')
		).toBe('true');
		await saveScreen(phone, 'charter-phone-sheet-top-360', false);
		// The passage is the tapped sentence; the new text starts from it, to edit on the phone.
		expect(await sheet.getByTestId('amendment-passage').inputValue()).toBe(SENTENCE);
		expect(await sheet.getByTestId('amendment-text').inputValue()).toBe(SENTENCE);
		await sheet.getByTestId('amendment-text').fill(AMENDED);
		await sheet
			.getByTestId('amendment-justification')
			.fill('Une fois par trimestre, c’est trop peu.');
		const preview = sheet.getByTestId('amendment-preview');
		expect(await preview.locator('ins').textContent()).toContain('mois.');
		expect(await preview.locator('del').textContent()).toContain('trimestre.');
		await expectNoSeriousAxeViolations(phone);
		await saveScreen(phone, 'charter-phone-propose-360', false);
		await sheet.getByTestId('amendment-submit').click();
		// A refusal stays in the sheet: say it rather than time out.
		await sheet.waitFor({ state: 'detached', timeout: 10_000 }).catch(async () => {
			throw new Error(`the sheet stayed open: ${await sheet.innerText()}`);
		});

		const amendment = card.getByTestId('amendment');
		await expect.poll(() => amendment.count()).toBe(1);
		expect(await phone.getByText('Amendement envoyé.').count()).toBe(1);
		expect(await amendment.getByTestId('amendment-status').textContent()).toBe('Proposé');
		expect(await amendment.textContent()).toContain('par Haoua');
		// Never colour alone: added words are underlined, removed ones struck through.
		const decoration = (selector: string) =>
			amendment
				.locator(selector)
				.first()
				.evaluate((el) => getComputedStyle(el).textDecorationLine);
		expect(await decoration('ins')).toBe('underline');
		expect(await decoration('del')).toBe('line-through');
		await expect
			.poll(() => outline.filter({ hasText: TITLE }).textContent())
			.toContain('1 amendement');
		await expectNoSeriousAxeViolations(phone);
		await saveScreen(phone, 'charter-phone-listed-360');

		// 2. Ibrahim supports it (+1), once.
		const ibrahim = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			people[1].client
		);
		const second = await ibrahim.newPage();
		await second.goto(docUrl);
		await hydrated(second);
		await second.getByTestId('outline-article').filter({ hasText: TITLE }).click();
		const theirs = second.getByTestId('article-card').getByTestId('amendment');
		await theirs.getByTestId('support').click();
		await expect.poll(() => theirs.getByTestId('supporters').textContent()).toBe('1 soutien');
		expect(await theirs.getByTestId('support').getAttribute('aria-pressed')).toBe('true');
		// Haoua's phone hears it live (charter:changed).
		await expect.poll(() => amendment.getByTestId('supporters').textContent()).toBe('1 soutien');

		// 3. The facilitator's laptop: the amendments, then the article, in one click.
		const laptop = await env.withSession(
			await facilitatorLaptopContext(env.browser, env.server.url),
			setup.facilitator.client
		);
		const desk = await laptop.newPage();
		await desk.goto(docUrl);
		await hydrated(desk);
		await desk.getByTestId('outline-article').filter({ hasText: TITLE }).click();
		const deskCard = desk.getByTestId('article-card');
		await deskCard.getByTestId('amendment').waitFor();
		await expectNoSeriousAxeViolations(desk);
		await saveScreen(desk, 'charter-facilitator-1366');
		await saveScreen(desk, 'charter-facilitator-viewport-1366', false);
		await deskCard.getByTestId('article-vote-sequence').click();
		const amendmentPoll = deskCard.getByTestId('amendment').getByTestId('charter-poll');
		await expect.poll(() => amendmentPoll.getAttribute('data-poll-status')).toBe('open');
		expect(await deskCard.getByTestId('article-status').textContent()).toBe('En vote');

		// 4. Two phones vote for the amendment; the facilitator closes; it is merged.
		await votePour(phone, docUrl, 'amendment');
		await votePour(second, docUrl, 'amendment');
		await expect.poll(() => amendmentPoll.textContent()).toContain('2 /');
		await saveScreen(desk, 'charter-facilitator-voting-1366');
		await amendmentPoll.getByTestId('charter-poll-close').click();
		await expect.poll(() => deskCard.getByTestId('amendment-status').textContent()).toBe('Adopté');
		await expect.poll(() => deskCard.getByTestId('article-text').textContent()).toContain(AMENDED);

		// 5. The article's own vote opened by itself; two phones vote; closing adopts it.
		const articlePoll = deskCard.getByTestId('article-controls').getByTestId('charter-poll');
		await expect.poll(() => articlePoll.getAttribute('data-poll-status')).toBe('open');
		await votePour(phone, docUrl, 'article');
		await votePour(second, docUrl, 'article');
		await expect.poll(() => articlePoll.textContent()).toContain('2 /');
		await articlePoll.getByTestId('charter-poll-close').click();
		await expect.poll(() => deskCard.getByTestId('article-status').textContent()).toBe('Adopté');
		expect(await deskCard.getByTestId('article-text').textContent()).toContain(AMENDED);
		expect(await deskCard.getByTestId('article-text').textContent()).not.toContain('trimestre');
		await expect.poll(() => desk.getByTestId('article-reopen').count()).toBe(1);
		await saveScreen(desk, 'charter-facilitator-adopted-1366');

		// A phone on the charter page sees the merged text and « Adopté », and may not amend it.
		await phone.goto(docUrl);
		await hydrated(phone);
		await phone.getByTestId('outline-article').filter({ hasText: TITLE }).click();
		const after = phone.getByTestId('article-card');
		await expect.poll(() => after.getByTestId('article-status').textContent()).toBe('Adopté');
		expect(await after.getByTestId('article-text').textContent()).toContain(AMENDED);
		expect(await after.getByTestId('propose-amendment-open').count()).toBe(0);
		await saveScreen(phone, 'charter-phone-adopted-360');

		// The facilitator's rules and publication; once published, /charte/ID is public.
		await desk.getByText('Règles de vote de la charte').click();
		await desk.getByText('Charte consolidée', { exact: true }).click();
		const rules = desk.getByTestId('charter-settings');
		await rules.getByLabel('Deux tiers des suffrages exprimés').check();
		await rules.getByRole('button', { name: 'Enregistrer les règles' }).click();
		await rules.getByText('Règles enregistrées.').waitFor();
		await desk.getByTestId('charter-publish-toggle').click();
		const publicLink = desk.getByTestId('charter-public-link');
		await publicLink.waitFor();
		expect(await publicLink.getAttribute('href')).toBe(`/charte/${setup.documentId}`);
		await expectNoSeriousAxeViolations(desk);
		await desk.getByTestId('charter-publish').scrollIntoViewIfNeeded();
		await saveScreen(desk, 'charter-facilitator-rules-1366', false);
		const reader = await env.browser.newContext({ baseURL: env.server.url, locale: 'fr-FR' });
		const anyone = await reader.newPage();
		await anyone.goto(`/charte/${setup.documentId}`);
		await hydrated(anyone);
		expect(await anyone.getByTestId('charter-article').first().textContent()).toContain(AMENDED);
		await reader.close();

		// 6. The consolidated PDF, read back, holds the article and its vote line.
		const pdf = await setup.facilitator.client.request(
			`/api/documents/${setup.documentId}/consolidated?format=pdf`
		);
		expect(pdf.status).toBe(200);
		const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
		expect(text).toContain('par mois');
		// Renumbered: the only adopted article is « Article 1 »; its vote line and its co-author.
		expect(text).toContain('Article 1 — Participation à la vie communale');
		expect(text).toMatch(
			/Adopté le \d{1,2}\s\S+\s\d{4} par 2 voix pour, aucune voix contre et aucune abstention\./
		);
		expect(text).toContain('Avec les amendements de Haoua.');
		for (const context of [haoua, ibrahim, laptop]) await context.close();
	});

	it('on a laptop a selection in the editor starts the same proposal, a passage not in the article is refused in words, and a new article joins the outline', async () => {
		const setup = await workshopWithCharter(env.server);
		const person = await joinedParticipant(env.server, setup.workshop.code, 'Mariama');
		const laptop = await env.withSession(
			await facilitatorLaptopContext(env.browser, env.server.url),
			person.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${setup.workshop.code}/documents/${setup.documentId}`);
		await hydrated(page);
		const sections = page.locator('[data-testid="editor"] section[data-charter-article]');
		await expect.poll(() => sections.count()).toBe(5);
		// Select « chaque année » in article 4's paragraph, as a mouse would.
		await page.evaluate(() => {
			const sections = document.querySelectorAll(
				'[data-testid="editor"] section[data-charter-article]'
			);
			const paragraph = sections[4].querySelector('p')!;
			const node = paragraph.firstChild!;
			const start = node.textContent!.indexOf('chaque année');
			const range = document.createRange();
			range.setStart(node, start);
			range.setEnd(node, start + 'chaque année'.length);
			const selection = document.getSelection()!;
			selection.removeAllRanges();
			selection.addRange(range);
		});
		const amend = page.getByTestId('amend-selection');
		await expect.poll(() => amend.isEnabled()).toBe(true);
		await amend.click();
		const sheet = page.getByTestId('propose-amendment');
		await sheet.waitFor();
		expect(await sheet.locator('h2').textContent()).toContain('Article 4 — Suivi et révision');
		expect(await sheet.getByLabel('Remplacer').isChecked()).toBe(true);
		expect(await sheet.getByTestId('amendment-passage').inputValue()).toBe('chaque année');
		await sheet.getByTestId('amendment-text').fill('tous les six mois');
		// A passage that is not in the article: the server's reason, in French, under the field.
		await sheet.getByTestId('amendment-passage').fill('chaque mois');
		await sheet.getByTestId('amendment-submit').click();
		const passageField = sheet.getByTestId('amendment-passage');
		await expect.poll(() => passageField.getAttribute('aria-invalid')).toBe('true');
		expect(await sheet.getByRole('alert').first().textContent()).toBe(
			'Ce passage ne figure pas dans l’article tel qu’il est écrit maintenant.'
		);
		await expectNoSeriousAxeViolations(page);
		await saveScreen(page, 'charter-laptop-selection-error-1366', false);
		await passageField.fill('chaque année');
		await sheet.getByTestId('amendment-submit').click();
		await sheet.waitFor({ state: 'detached' });
		const card = page.getByTestId('article-card');
		expect(await card.locator('h3').first().textContent()).toBe('Article 4 — Suivi et révision');
		const amendment = card.getByTestId('amendment');
		await expect.poll(() => amendment.count()).toBe(1);
		expect(await amendment.locator('ins').textContent()).toContain('tous les six mois');
		expect(await amendment.locator('del').textContent()).toContain('chaque année');

		// « Nouvel article » in the toolbar; the outline follows the typing (no reload).
		await sections.nth(4).locator('p').click();
		await page.getByRole('button', { name: 'Nouvel article' }).click();
		await page.keyboard.type('Budget participatif');
		await expect.poll(() => sections.count()).toBe(6);
		const outline = page.getByTestId('outline-article');
		await expect.poll(() => outline.count(), { timeout: 15_000 }).toBe(6);
		expect(await outline.nth(5).textContent()).toContain('Article 5');
		expect(await outline.nth(5).textContent()).toContain('Budget participatif');
		await laptop.close();
	});
});
