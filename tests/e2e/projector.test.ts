// The projector at 1280×720 and 1920×1080: one screen that never scrolls, no site chrome, the
// activity of the moment on the stage (here a ranked vote with its instant-runoff rounds), the
// countdown, join code, a queue of five and the inclusion strip beside and under it, all inside
// the window and readable from the back of the room (no text under 24 px at 720p).
// PALABRE_SCREENS=<dir> saves a screenshot of each state there, to look at.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import type { HttpClient } from '../helpers/http-client';
import { e2eEnvironment, hydrated } from './browser';

const env = e2eEnvironment();
const contexts: BrowserContext[] = [];
const sockets: TestSocket[] = [];
afterAll(async () => {
	for (const socket of sockets) socket.close();
	for (const context of contexts) await context.close();
});

const SIZES = [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 }
];

async function post(client: HttpClient, url: string, json?: unknown) {
	const res = await client.json<{ id: string; options: { id: string }[] }>(url, {
		method: 'POST',
		...(json === undefined ? {} : { json })
	});
	if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

async function setAgenda(client: HttpClient, workshopId: string, items: unknown[]) {
	const res = await client.json(`/api/workshops/${workshopId}/agenda`, {
		method: 'PUT',
		json: items
	});
	expect(res.status).toBe(200);
}

/** What the projector shows, measured in the page: overflow, stray elements, smallest text. */
async function measure(page: Page) {
	return page.evaluate(() => {
		const visible = (el: Element) => {
			const r = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			// Screen-reader-only text is 1 px wide and clipped: the room does not read it.
			return r.width > 1 && r.height > 1 && style.visibility !== 'hidden';
		};
		const outside = (el: Element, box: DOMRect) => {
			const r = el.getBoundingClientRect();
			return (
				r.top < box.top - 0.5 ||
				r.left < box.left - 0.5 ||
				r.bottom > box.bottom + 0.5 ||
				r.right > box.right + 0.5
			);
		};
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} «${el.textContent?.trim().slice(0, 30)}»`;
		const screen = document.querySelector('[data-testid="projector"]')!;
		const viewport = new DOMRect(0, 0, innerWidth, innerHeight);
		const all = [...screen.querySelectorAll('*')].filter(visible);
		const stage = document.querySelector('[data-testid="screen-stage"]')!;
		const stageBox = stage.getBoundingClientRect();
		const texts = all.filter((el) =>
			[...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
		);
		const sizes = texts.map((el) => ({
			what: name(el),
			size: parseFloat(getComputedStyle(el).fontSize)
		}));
		sizes.sort((a, b) => a.size - b.size);
		return {
			scrollHeight: document.scrollingElement!.scrollHeight,
			scrollWidth: document.scrollingElement!.scrollWidth,
			innerHeight,
			innerWidth,
			outsideViewport: all.filter((el) => outside(el, viewport)).map(name),
			outsideStage: [...stage.querySelectorAll('*')]
				.filter(visible)
				.filter((el) => outside(el, stageBox))
				.map(name),
			smallest: sizes[0] ?? null,
			stage: {
				fit: (stage as HTMLElement).style.getPropertyValue('--fit'),
				dense: stage.hasAttribute('data-dense'),
				scroll: [stage.scrollWidth, stage.scrollHeight],
				client: [stage.clientWidth, stage.clientHeight]
			},
			siteHeader: document.querySelectorAll('header.top').length,
			checkboxes: screen.querySelectorAll('input[type="checkbox"]').length
		};
	});
}

async function expectFits(page: Page, width: number, height: number) {
	// The stage is fitted on the animation frame after a change: wait for it to settle.
	await expect
		.poll(async () => {
			const seen = await measure(page);
			return seen.outsideStage.length === 0 ? [] : [seen.stage, ...seen.outsideStage];
		})
		.toEqual([]);
	const seen = await measure(page);
	expect(seen.siteHeader, 'site header').toBe(0);
	expect(seen.checkboxes, 'checkboxes on the projector').toBe(0);
	expect(seen.scrollHeight).toBeLessThanOrEqual(seen.innerHeight);
	expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
	expect(seen.outsideViewport).toEqual([]);
	expect(seen.outsideStage).toEqual([]);
	// 24 px at 720p, the same picture scaled at 1080p.
	expect(seen.smallest?.size ?? 0, seen.smallest?.what).toBeGreaterThanOrEqual(
		Math.floor(24 * Math.min(height / 720, width / 1280) * 100) / 100
	);
	return seen;
}

async function screenshot(page: Page, name: string) {
	const dir = process.env.PALABRE_SCREENS;
	if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

async function projectorPage(client: HttpClient, code: string, size: (typeof SIZES)[number]) {
	const context = await env.withSession(
		await env.browser.newContext({ baseURL: env.server.url, viewport: size, locale: 'fr-FR' }),
		client
	);
	contexts.push(context);
	const page = await context.newPage();
	await page.goto(`/w/${code}/ecran`);
	await hydrated(page);
	return page;
}

/** A member's socket in the room, with a raised hand. */
async function raiseHand(client: HttpClient, workshopId: string) {
	const socket = connectAs(client);
	sockets.push(socket);
	await connected(socket);
	expect((await socket.emitWithAck('workshop:enter', { workshopId })).ok).toBe(true);
	expect((await socket.emitWithAck('queue:raise', { workshopId })).ok).toBe(true);
}

describe('the projector', () => {
	it('fits a revealed instant-runoff vote, a queue of five and the inclusion strip on one screen at 720p and 1080p', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const names = ['Awa Moussa', 'Bala Sani', 'Chaibou Issa', 'Djamila Hamani', 'Elhadj Garba'];
		const people = [];
		for (const name of names) people.push(await joinedParticipant(env.server, workshop.code, name));
		const poll = await post(facilitator.client, `/api/workshops/${workshop.id}/polls`, {
			question: 'Quel projet financer en priorité dans le quartier ?',
			method: 'ranked',
			options: [
				{ label: 'Forage à Zongo' },
				{ label: 'Latrines de l’école' },
				{ label: 'Éclairage public' },
				{ label: 'Marché couvert' }
			],
			reveal: 'manual'
		});
		await post(facilitator.client, `/api/polls/${poll.id}/open`);
		const [a, b, c, d] = poll.options.map((o) => o.id);
		const rankings = [
			[a, b, c],
			[a, c, b],
			[b, a, d],
			[c, b, a],
			[d, c, b]
		];
		for (const [i, person] of people.entries())
			await post(person.client, `/api/polls/${poll.id}/ballots`, {
				ballotId: crypto.randomUUID(),
				choice: { ranking: rankings[i] }
			});
		await post(facilitator.client, `/api/polls/${poll.id}/close`);
		await post(facilitator.client, `/api/polls/${poll.id}/reveal`);
		await setAgenda(facilitator.client, workshop.id, [
			{ title: 'Accueil', kind: 'presentation', durationSeconds: 600 },
			{
				title: 'Vote sur les priorités du quartier',
				kind: 'vote',
				durationSeconds: 900,
				linked: { type: 'poll', id: poll.id }
			}
		]);
		await post(facilitator.client, `/api/workshops/${workshop.id}/agenda/next`);
		await post(facilitator.client, `/api/workshops/${workshop.id}/agenda/start`);
		for (const person of people) await raiseHand(person.client, workshop.id);

		for (const size of SIZES) {
			// The facilitator's laptop: the inclusion strip is shown there.
			const page = await projectorPage(facilitator.client, workshop.code, size);
			const irv = page.getByTestId('irv-rounds');
			await irv.waitFor();
			expect(await irv.locator('thead th').count()).toBeGreaterThanOrEqual(3);
			await expect
				.poll(() => page.getByTestId('screen-queue').locator('ol li').allTextContents())
				.toEqual(names);
			await page.getByTestId('inclusion-present').waitFor();
			await expect
				.poll(() => page.getByTestId('screen-round-title').textContent())
				.toBe('Vote sur les priorités du quartier');
			await expect.poll(() => page.getByTestId('screen-present').textContent()).toMatch(/\d/);
			expect(await page.getByTestId('screen-stage').textContent()).toContain('Option retenue');
			await screenshot(page, `projector-irv-${size.width}x${size.height}`);
			await expectFits(page, size.width, size.height);
		}
	});

	it('keeps every other activity on one screen: nothing running, each vote method, the wall and a document', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const size = SIZES[0];
		const page = await projectorPage(facilitator.client, workshop.code, size);
		await page.getByTestId('screen-idle').waitFor();
		// The fullscreen button is there until the page is full screen.
		await page.getByTestId('screen-fullscreen').waitFor();
		await expectFits(page, size.width, size.height);
		await screenshot(page, 'projector-nothing-running');

		const options = [
			'Forage à Zongo',
			'Latrines de l’école Sabon Gari',
			'Éclairage public de l’avenue',
			'Marché couvert',
			'Centre de santé intégré',
			'Terrain de sport'
		].map((label) => ({ label }));
		const methods: Record<string, unknown>[] = [
			{ method: 'single', options },
			{ method: 'multiple', options },
			{ method: 'ranked', rankedMethod: 'borda', options },
			{ method: 'score', options },
			{ method: 'majority_judgment', options },
			{ method: 'dots', dots: 3, options },
			{ method: 'consent' }
		];
		for (const body of methods) {
			const poll = await post(facilitator.client, `/api/workshops/${workshop.id}/polls`, {
				question: `Quelles priorités pour le budget participatif de la commune ? (${String(body.method)})`,
				reveal: 'live',
				...body
			});
			await post(facilitator.client, `/api/polls/${poll.id}/open`);
			const shown = page.locator(`[data-testid="screen-poll"][data-poll-id="${poll.id}"]`);
			await shown.waitFor();
			await expect
				.poll(() => shown.getByTestId('poll-bar').count())
				.toBe(body.method === 'consent' ? 3 : options.length);
			await screenshot(page, `projector-${String(body.method)}`);
			await expectFits(page, size.width, size.height);
		}

		const wall = await post(facilitator.client, `/api/workshops/${workshop.id}/documents`, {
			kind: 'idea_wall',
			title: 'Mur des défis'
		});
		const charter = await post(facilitator.client, `/api/workshops/${workshop.id}/documents`, {
			kind: 'charter',
			title: 'Charte du quartier'
		});
		await setAgenda(facilitator.client, workshop.id, [
			{
				title: 'Idéation',
				kind: 'ideation',
				durationSeconds: 900,
				linked: { type: 'wall', id: wall.id }
			},
			{
				title: 'Rédaction de la charte',
				kind: 'drafting',
				durationSeconds: 1800,
				linked: { type: 'document', id: charter.id }
			}
		]);
		await page.getByTestId('screen-wall').waitFor();
		await expectFits(page, size.width, size.height);
		await screenshot(page, 'projector-wall');
		await post(facilitator.client, `/api/workshops/${workshop.id}/agenda/next`);
		await expect
			.poll(() => page.getByTestId('screen-document').textContent())
			.toContain('Charte du quartier');
		await expectFits(page, size.width, size.height);
		await screenshot(page, 'projector-document');
	});

	it('goes full screen from its button, which then hides itself', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const page = await projectorPage(facilitator.client, workshop.code, SIZES[0]);
		const button = page.getByTestId('screen-fullscreen');
		await button.press('Enter');
		await expect
			.poll(() => page.evaluate(() => document.fullscreenElement?.tagName ?? null))
			.toBe('HTML');
		await expect.poll(() => button.count()).toBe(0);
		await page.evaluate(() => document.exitFullscreen());
		await expect.poll(() => button.count()).toBe(1);
	});
});
