// The facilitator's control room at 1366×768: what is live — the timer, who is here, the vote of
// the moment — is on the first screen without scrolling, and the whole run mode works with the
// keyboard alone, focus visible at every step. PALABRE_SCREENS=<dir> saves what it looked like.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, hydrated } from './browser';

const env = e2eEnvironment();
const contexts: BrowserContext[] = [];
afterAll(async () => {
	for (const context of contexts) await context.close();
});

async function post(client: HttpClient, url: string, json?: unknown) {
	const res = await client.json<{ id: string; options: { id: string }[] }>(url, {
		method: 'POST',
		...(json === undefined ? {} : { json })
	});
	if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

/** A workshop with two rounds, the first one linked to a draft ranked vote, and two members. */
async function roomWithVoteRound() {
	const { workshop, facilitator } = await workshopWithFacilitator(env.server);
	const haoua = await joinedParticipant(env.server, workshop.code, 'Haoua');
	await joinedParticipant(env.server, workshop.code, 'Ibrahim');
	const poll = await post(facilitator.client, `/api/workshops/${workshop.id}/polls`, {
		question: 'Quel projet financer en priorité ?',
		method: 'ranked',
		options: [{ label: 'Forage' }, { label: 'Latrines' }, { label: 'Éclairage' }],
		reveal: 'manual'
	});
	const agenda = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
		method: 'PUT',
		json: [
			{
				title: 'Choix du projet',
				kind: 'vote',
				durationSeconds: 600,
				linked: { type: 'poll', id: poll.id }
			},
			{ title: 'Plan d’action', kind: 'drafting', durationSeconds: 1200 }
		]
	});
	expect(agenda.status).toBe(200);
	return { workshop, facilitator, haoua, poll };
}

async function controlRoom(client: HttpClient, code: string) {
	const context = await env.withSession(
		await env.browser.newContext({
			baseURL: env.server.url,
			viewport: { width: 1366, height: 768 },
			locale: 'fr-FR'
		}),
		client
	);
	contexts.push(context);
	const page = await context.newPage();
	await page.goto(`/w/${code}/animation`);
	await hydrated(page);
	return page;
}

async function screenshot(page: Page, name: string) {
	const dir = process.env.PALABRE_SCREENS;
	if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** The focused element's text and whether its focus ring is drawn (3 px outline or more). */
function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { text: '', ring: false };
		const style = getComputedStyle(el);
		return {
			text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
			ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
		};
	});
}

/** Tab (or Shift+Tab) until the control named `name` has the focus, as a keyboard user would. */
async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
	for (let presses = 0; presses < 80; presses++) {
		await page.keyboard.press(key);
		const now = await focused(page);
		if (now.text === name) {
			expect(now.ring, `focus ring on « ${name} »`).toBe(true);
			return presses + 1;
		}
	}
	throw new Error(`« ${name} » never got the focus`);
}

describe('the control room', () => {
	it('shows the timer, who is here and the vote of the moment on the first 1366×768 screen', async () => {
		const { workshop, facilitator } = await roomWithVoteRound();
		const page = await controlRoom(facilitator.client, workshop.code);
		await page.getByTestId('active-poll').waitFor();
		await expect.poll(() => page.getByTestId('member-list').locator('li').count()).toBe(3);
		const boxes = await page.evaluate(() =>
			Object.fromEntries(
				['agenda-countdown', 'member-list', 'active-poll', 'queue-panel'].map((id) => {
					const r = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
					return [id, { top: r.top + scrollY, bottom: r.bottom + scrollY }];
				})
			)
		);
		for (const [id, box] of Object.entries(boxes)) {
			expect(box.top, id).toBeGreaterThanOrEqual(0);
			expect(box.bottom, id).toBeLessThanOrEqual(768);
		}
		// The editing tools wait in closed panels below.
		expect(await page.getByTestId('agenda-editor').isVisible()).toBe(false);
		expect(await page.getByTestId('poll-control').isVisible()).toBe(false);
		await screenshot(page, 'control-room-1366x768');
	});

	it('runs a round with the keyboard alone: start, open the vote, close, reveal, next round', async () => {
		const { workshop, facilitator, haoua, poll } = await roomWithVoteRound();
		const page = await controlRoom(facilitator.client, workshop.code);
		const run = page.getByTestId('agenda-run');
		const active = page.getByTestId('active-poll');
		await active.waitFor();

		await tabTo(page, 'Démarrer');
		await page.keyboard.press('Enter');
		await expect.poll(() => run.getByTestId('agenda-timer-state').textContent()).toBe('En cours');
		// The same button now pauses: the focus did not fall back to the top of the page.
		expect((await focused(page)).text).toBe('Pause');

		await tabTo(page, 'Ouvrir le vote');
		await page.keyboard.press('Enter');
		await expect.poll(() => active.getByTestId('poll-status').textContent()).toBe('Ouvert');
		expect((await focused(page)).text).toBe('Clore le vote');
		const [a, b, c] = poll.options.map((o) => o.id);
		await post(haoua.client, `/api/polls/${poll.id}/ballots`, {
			ballotId: crypto.randomUUID(),
			choice: { ranking: [b, a, c] }
		});
		await expect
			.poll(() => active.getByTestId('poll-participation').textContent())
			.toMatch(/^1 \//);

		await page.keyboard.press('Enter');
		await expect.poll(() => active.getByTestId('poll-status').textContent()).toBe('Clos');
		await tabTo(page, 'Dévoiler les résultats');
		await page.keyboard.press('Enter');
		await expect
			.poll(() => active.locator('.verdict').textContent())
			.toBe('Option retenue\u202f: Latrines');
		await screenshot(page, 'control-room-vote-revealed');

		await tabTo(page, 'Manche suivante', 'Shift+Tab');
		await page.keyboard.press('Enter');
		await expect
			.poll(() => run.getByTestId('agenda-round-title').textContent())
			.toBe('Plan d’action');
	});
});
