import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { planWorkshop } from '../integration/plan-review-fixtures';
import { contrastRatio } from '../../src/lib/components/ui/contrast';
import { e2eEnvironment, hydrated } from './browser';

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

		const headers = await headerColours(page);
		expect(headers.length).toBeGreaterThanOrEqual(13);
		for (const header of headers) {
			expect(contrastRatio(header.color, header.background), header.label).toBeGreaterThanOrEqual(
				4.5
			);
		}
		await shot(page, 'plan-1366');

		// Scrolled to its right end, the table still shows each action's title at its left edge.
		const frame = page.getByTestId('plan-table-frame');
		await frame.evaluate((el) => (el.scrollLeft = el.scrollWidth));
		const box = await frame.boundingBox();
		const title = await table.locator('td[data-field="title"]').first().boundingBox();
		expect(box && title).toBeTruthy();
		expect(title!.x).toBeGreaterThanOrEqual(box!.x - 1);
		expect(title!.x + title!.width).toBeLessThanOrEqual(box!.x + box!.width);
		expect(await table.locator('td[data-field="title"]').first().textContent()).toContain(
			'Forage au quartier Sabon Gari'
		);
		// And the title cell is the one drawn there, not hidden behind another column.
		const hit = await page.evaluate(
			([x, y]) => document.elementFromPoint(x, y)?.closest('td')?.dataset.field ?? null,
			[title!.x + 10, title!.y + title!.height / 2]
		);
		expect(hit).toBe('title');
		await shot(page, 'plan-1366-scrolled');
		await context.close();
	});
});
