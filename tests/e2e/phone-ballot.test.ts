// Every vote method's ballot on a 360 px phone, measured: options are full-width rows at least
// 48 px tall, the control (≥ 20 px) sits left of its label and level with it, every button is a
// ≥ 44 px touch target; and a result bar never squeezes its label to one word per line.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { saveScreen } from './screens';

const env = e2eEnvironment();

const LABELS = [
	'Réhabiliter le forage du quartier Sabon Gari',
	'Éclairage public solaire',
	'Marché'
];
const METHODS: Array<{ method: string; extra?: Record<string, unknown>; control?: string }> = [
	{ method: 'single', control: 'input[type=radio]' },
	{ method: 'consent', control: 'input[type=radio]' },
	{ method: 'multiple', extra: { maxChoices: 2 }, control: 'input[type=checkbox]' },
	{ method: 'ranked' },
	{ method: 'score' },
	{ method: 'majority_judgment' },
	{ method: 'dots', extra: { dots: 5 } }
];

type Box = { x: number; y: number; width: number; height: number };
const box = async (locator: Locator): Promise<Box> => {
	const found = await locator.boundingBox();
	if (!found) throw new Error('not displayed');
	return found;
};

/** Every row of the ballot, and inside each what a thumb or an eye meets. */
async function checkRows(page: Page, control: string | undefined) {
	const form = page.getByTestId('ballot-form');
	const rows = form.getByTestId('ballot-option');
	const count = await rows.count();
	expect(count).toBeGreaterThanOrEqual(2);
	const formBox = await box(form);
	const lefts = new Set<number>();
	for (let i = 0; i < count; i++) {
		const row = rows.nth(i);
		const r = await box(row);
		expect(r.height).toBeGreaterThanOrEqual(48);
		// Full width: the row spans the form.
		expect(r.width).toBeGreaterThanOrEqual(formBox.width - 1);
		lefts.add(Math.round(r.x));
		// A visible outline around the row.
		const border = await row.evaluate((el) => getComputedStyle(el).borderTopWidth);
		expect(parseFloat(border)).toBeGreaterThanOrEqual(1);
		const label = await box(row.locator('.grow'));
		if (control) {
			const c = await box(row.locator(control));
			expect(c.width).toBeGreaterThanOrEqual(20);
			expect(c.height).toBeGreaterThanOrEqual(20);
			// Left of the label and level with it (not centred above it).
			expect(c.x + c.width).toBeLessThanOrEqual(label.x);
			expect(Math.abs(c.y + c.height / 2 - (r.y + r.height / 2))).toBeLessThanOrEqual(
				Math.max(4, (r.height - 48) / 2 + 4)
			);
		}
		for (const button of await row.getByRole('button').all()) {
			const b = await box(button);
			expect(b.width).toBeGreaterThanOrEqual(44);
			expect(b.height).toBeGreaterThanOrEqual(44);
		}
		for (const select of await row.locator('select').all()) {
			expect((await box(select)).height).toBeGreaterThanOrEqual(44);
		}
	}
	// One alignment for all rows.
	expect(lefts.size).toBe(1);
	const submit = await box(form.getByRole('button', { name: /Voter|Changer mon vote/ }));
	expect(submit.height).toBeGreaterThanOrEqual(44);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

describe('the ballot on a 360 px phone', () => {
	it('draws every method’s options as full-width rows of at least 48 px, the control left of its label', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const person = await joinedParticipant(env.server, workshop.code, 'Haoua');
		const context = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			person.client
		);
		const page = await context.newPage();
		for (const { method, extra, control } of METHODS) {
			const created = await facilitator.client.json<{ id: string }>(
				`/api/workshops/${workshop.id}/polls`,
				{
					method: 'POST',
					json: {
						question: 'Quelle action d’abord ?',
						method,
						...(method === 'consent' ? {} : { options: LABELS.map((label) => ({ label })) }),
						...extra
					}
				}
			);
			expect(created.status, method).toBe(201);
			await facilitator.client.json(`/api/polls/${created.body.id}/open`, { method: 'POST' });
			await page.goto(`/w/${workshop.code}/vote/${created.body.id}`);
			await hydrated(page);
			await expect.poll(() => page.getByTestId('live-status').textContent()).toBe('En ligne');
			await checkRows(page, control);
			await saveScreen(page, `ballot-${method}`);
		}
		await context.close();
	});

	it('ticks an option by tapping anywhere on its row', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const person = await joinedParticipant(env.server, workshop.code, 'Haoua');
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/polls`,
			{
				method: 'POST',
				json: {
					question: 'Quel jour ?',
					method: 'single',
					options: [{ label: 'Lundi' }, { label: 'Jeudi' }]
				}
			}
		);
		await facilitator.client.json(`/api/polls/${created.body.id}/open`, { method: 'POST' });
		const context = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			person.client
		);
		const page = await context.newPage();
		await page.goto(`/w/${workshop.code}/vote/${created.body.id}`);
		await hydrated(page);
		const row = page.getByTestId('ballot-option').filter({ hasText: 'Jeudi' });
		const r = await box(row);
		// The far right end of the row, away from the control and the text.
		await page.touchscreen.tap(r.x + r.width - 8, r.y + r.height / 2);
		await expect.poll(() => row.locator('input').isChecked()).toBe(true);
		await context.close();
	});

	it('puts a result’s label on its own line above the bar, never one word per line', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const person = await joinedParticipant(env.server, workshop.code, 'Haoua');
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/polls`,
			{
				method: 'POST',
				json: {
					question: 'Quelle action d’abord ?',
					method: 'single',
					options: LABELS.map((label) => ({ label })),
					reveal: 'live'
				}
			}
		);
		await facilitator.client.json(`/api/polls/${created.body.id}/open`, { method: 'POST' });
		const context = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			person.client
		);
		const page = await context.newPage();
		await page.goto(`/w/${workshop.code}/vote/${created.body.id}`);
		await hydrated(page);
		await page.getByTestId('ballot-form').getByLabel(LABELS[0]).check();
		await page.getByTestId('ballot-form').getByRole('button', { name: 'Voter' }).click();
		const bars = page.getByTestId('poll-bars');
		await expect.poll(() => bars.count()).toBe(1);
		// The live tally carries the count: the page's « ont voté » moves with it.
		await expect
			.poll(() => page.getByTestId('poll-participation').textContent())
			.toMatch(/^1 \/ \d+ ont voté$/);
		const list = await box(bars);
		for (const item of await bars.locator('li').all()) {
			const label = await box(item.locator('.label'));
			const bar = await box(item.locator('svg[role="img"]'));
			expect(label.y + label.height).toBeLessThanOrEqual(bar.y + 1);
			// The label has the row's width: the longest label takes at most two lines.
			expect(label.width).toBeGreaterThanOrEqual(list.width * 0.9);
			const lineHeight = await item
				.locator('.label')
				.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
			expect(label.height).toBeLessThanOrEqual(lineHeight * 2 + 1);
		}
		await saveScreen(page, 'results-phone');
		await context.close();
	});
});
