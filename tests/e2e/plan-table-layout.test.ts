import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { planWorkshop } from '../integration/plan-review-fixtures';
import { contrastRatio } from '../../src/lib/components/ui/contrast';
import { e2eEnvironment, hydrated, phoneContext } from './browser';

const env = e2eEnvironment();

/** Saves a screenshot when SCREENSHOTS_DIR is set (to look at, not to compare). */
async function shot(page: Page, name: string) {
	const dir = process.env.SCREENSHOTS_DIR;
	if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Each header cell's text colour and the first opaque background behind it. */
function headerColours(page: Page) {
	return page.getByTestId('plan-table').evaluate((table) =>
		[...table.querySelectorAll('thead th')].map((th) => {
			const text = th.querySelector('button') ?? th;
			let element: Element | null = text;
			let background = 'rgba(0, 0, 0, 0)';
			while (element && /rgba\(.*,\s*0\)$|transparent/.test(background)) {
				background = getComputedStyle(element).backgroundColor;
				element = element.parentElement;
			}
			return {
				label: th.textContent?.trim() ?? '',
				color: getComputedStyle(text).color,
				background
			};
		})
	);
}

describe('the action-plan table on a 1366×768 laptop', () => {
	it('has readable column headers and keeps the title column in view when scrolled right', async () => {
		const setup = await planWorkshop(env.server);
		const charter = await setup.facilitator.client.json(
			`/api/workshops/${setup.workshop.id}/documents`,
			{
				method: 'POST',
				json: { kind: 'charter', title: 'Charte du quartier', template: 'charter' }
			}
		);
		expect(charter.status).toBe(201);
		const context = await env.withSession(
			await env.browser.newContext({
				baseURL: env.server.url,
				viewport: { width: 1366, height: 768 },
				locale: 'fr-FR'
			}),
			setup.facilitator.client
		);
		const page = await context.newPage();
		await page.goto(`/w/${setup.workshop.code}/plans/${setup.documentId}`);
		await hydrated(page);
		const table = page.getByTestId('plan-table');
		await expect.poll(() => table.locator('tbody tr').count()).toBe(2);

		// « Un article de la charte devient une action »: the select shows an article, not a blank.
		const article = page.getByTestId('article-select');
		await expect
			.poll(() => article.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text ?? ''))
			.toMatch(/\S/);
		expect(await article.evaluate((el: HTMLSelectElement) => el.selectedIndex)).toBe(0);

		// The main columns fit the laptop's width: nothing to scroll.
		const frame = page.getByTestId('plan-table-frame');
		expect(await frame.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
		await shot(page, 'plan-1366');

		// All 15 columns: readable headers, and the title stays at the left edge when scrolled.
		await page.getByTestId('plan-columns').getByText('Toutes').click();
		await expect.poll(() => table.locator('thead th').count()).toBe(15);
		const headers = await headerColours(page);
		for (const header of headers) {
			expect(contrastRatio(header.color, header.background), header.label).toBeGreaterThanOrEqual(
				4.5
			);
		}
		expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
		await frame.evaluate((el) => (el.scrollLeft = el.scrollWidth));
		await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
		const box = await frame.boundingBox();
		const titleCell = table.locator('td[data-field="title"]').first();
		const title = await titleCell.boundingBox();
		expect(title!.x).toBeGreaterThanOrEqual(box!.x - 1);
		expect(title!.x + title!.width).toBeLessThanOrEqual(box!.x + box!.width);
		expect(await titleCell.textContent()).toContain('Forage au quartier Sabon Gari');
		// And the title cell is the one drawn there, not covered by a column scrolling under it.
		const hit = await page.evaluate(
			([x, y]) =>
				(document.elementFromPoint(x, y)?.closest('td') as HTMLElement | null)?.dataset.field ??
				null,
			[title!.x + 10, title!.y + title!.height / 2]
		);
		expect(hit).toBe('title');
		await shot(page, 'plan-1366-scrolled');
		await context.close();

		// A phone gets the cards and the same controls, nothing sticking out of 360 px.
		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			setup.facilitator.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(`/w/${setup.workshop.code}/plans/${setup.documentId}`);
		await expect.poll(() => mobile.getByTestId('plan-cards').isVisible()).toBe(true);
		expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await shot(mobile, 'plan-360');
		await phone.close();
	});
});
