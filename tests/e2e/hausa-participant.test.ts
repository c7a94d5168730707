// A Hausa-speaking participant on a 360 px phone whose browser asks for Hausa: the join page is
// in Hausa with Hausa preselected, the hub and the vote page follow, the ballot and the results
// read in Hausa, and every page says the translation is still to be checked. Texts come from the
// Hausa catalog, not from this file.
import { describe, expect, it } from 'vitest';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { translate } from '../../src/lib/server/i18n';
import { e2eEnvironment, hydrated } from './browser';
import { saveScreen } from './screens';

const env = e2eEnvironment();
const ha = (key: string, params: Record<string, unknown> = {}) => translate(key, 'ha', params);

describe('a Hausa participant', () => {
	it('joins, votes and sees the results in Hausa, told the translation is a draft', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/polls`,
			{
				method: 'POST',
				json: {
					question: 'Wane jigo ne don taro na gaba?',
					method: 'single',
					options: [{ label: 'Ruwan sha' }, { label: 'Lafiya' }, { label: 'Ilimi' }],
					reveal: 'live'
				}
			}
		);
		expect(created.status).toBe(201);
		const pollId = created.body.id;
		await facilitator.client.json(`/api/polls/${pollId}/open`, { method: 'POST' });

		const phone = await env.browser.newContext({
			baseURL: env.server.url,
			viewport: { width: 360, height: 740 },
			isMobile: true,
			hasTouch: true,
			locale: 'ha-NG'
		});
		const page = await phone.newPage();
		await page.goto(`/j/${workshop.code}`);
		await hydrated(page);
		expect(await page.getAttribute('html', 'lang')).toBe('ha');
		await saveScreen(page, 'ha-join');
		const language = page.getByLabel(ha('join_language'));
		expect(await language.inputValue()).toBe('ha');
		await page.getByLabel(ha('join_display_name')).fill('Hadiza');
		await page.getByRole('button', { name: ha('join_submit') }).click();
		await page.waitForURL(`**/w/${workshop.code}`);
		expect(await page.getAttribute('html', 'lang')).toBe('ha');
		await expect
			.poll(() => page.getByRole('link', { name: ha('lang_partial_notice') }).count())
			.toBe(1);

		await saveScreen(page, 'ha-hub');
		await page.goto(`/w/${workshop.code}/vote/${pollId}`);
		const vote = page.getByTestId('vote-page');
		await expect.poll(() => vote.getByTestId('live-status').textContent()).toBe(ha('live_online'));
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await vote.getByTestId('ballot-form').getByLabel('Lafiya').check();
		await vote.getByRole('button', { name: ha('vote_submit') }).click();
		await expect
			.poll(() => vote.getByTestId('ballot-recorded').textContent())
			.toBe(ha('vote_ballot_recorded'));
		await expect.poll(() => vote.getByTestId('poll-bars').count()).toBe(1);
		await expect
			.poll(() => vote.locator('.verdict').textContent())
			.toBe(ha('vote_winner', { label: 'Lafiya' }));
		await expect
			.poll(() => page.getByRole('link', { name: ha('lang_partial_notice') }).count())
			.toBe(1);
		await saveScreen(page, 'ha-vote');
		// The notice leads to the languages page: each language's coverage and review status.
		await page.getByRole('link', { name: ha('lang_partial_notice') }).click();
		await page.waitForURL('**/langue?back=**');
		await page
			.getByText(ha('lang_coverage', { percent: 100 }))
			.first()
			.waitFor();
		await saveScreen(page, 'ha-langue');
		await phone.close();
	});

	it('lets a participant on a French phone choose Wolof at join: the page turns Wolof at once', async () => {
		const { workshop } = await workshopWithFacilitator(env.server);
		const phone = await env.browser.newContext({
			baseURL: env.server.url,
			viewport: { width: 360, height: 740 },
			isMobile: true,
			locale: 'fr-FR'
		});
		const page = await phone.newPage();
		await page.goto(`/j/${workshop.code}`);
		await hydrated(page);
		expect(await page.getAttribute('html', 'lang')).toBe('fr');
		await page.getByLabel(translate('join_language', 'fr')).selectOption('wo');
		await expect.poll(() => page.getAttribute('html', 'lang')).toBe('wo');
		await hydrated(page);
		await page.getByLabel(translate('join_display_name', 'wo')).fill('Awa');
		await page.getByRole('button', { name: translate('join_submit', 'wo') }).click();
		await page.waitForURL(`**/w/${workshop.code}`);
		expect(await page.getAttribute('html', 'lang')).toBe('wo');
		await phone.close();
	});
});
