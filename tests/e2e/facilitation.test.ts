import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import type { AgendaItem, AgendaView } from '../../src/lib/domain/agenda';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();
const contexts: BrowserContext[] = [];

afterAll(async () => {
	for (const context of contexts) await context.close();
});

/** Seconds shown by a `mm:ss` countdown. */
async function shownSeconds(countdown: Locator): Promise<number> {
	const text = (await countdown.textContent())?.trim() ?? '';
	const match = /^(\d+):(\d\d)$/.exec(text);
	if (!match) throw new Error(`not a countdown: "${text}"`);
	return Number(match[1]) * 60 + Number(match[2]);
}

describe('facilitation from the laptop, followed on a phone and on the projector', () => {
	it('a facilitator builds a two-round agenda in the editor and runs it; phone and projector follow', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const haoua = await joinedParticipant(env.server, workshop.code, 'Haoua');
		const screenMember = await joinedParticipant(env.server, workshop.code, 'Écran salle');
		const wall = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'idea_wall', title: 'Mur des défis' } }
		);
		expect(wall.status).toBe(201);

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		const editor = page.getByTestId('agenda-editor');
		await expect.poll(() => editor.textContent()).toContain('Aucune manche');

		// Two rounds, added in the wrong order, then put right with the keyboard.
		const addRound = async (
			title: string,
			minutes: string,
			instructions?: string,
			wallTitle?: string
		) => {
			await editor.getByRole('button', { name: 'Ajouter une manche' }).click();
			const fields = editor.getByTestId('agenda-editor-fields');
			await fields.getByTestId('agenda-editor-title').fill(title);
			await fields.getByTestId('agenda-editor-minutes').fill(minutes);
			if (instructions) {
				await fields.getByLabel('Consignes pour les participant·es').fill(instructions);
			}
			if (wallTitle) {
				// The round opens the workshop's wall, picked by its name (no id to copy).
				await fields.getByLabel('Activité liée').selectOption({ label: 'Un mur d’idées' });
				await fields.getByTestId('agenda-editor-link-pick').selectOption({ label: wallTitle });
			}
			await editor.getByRole('button', { name: 'Fermer', exact: true }).click();
		};
		await addRound('Idéation en tables', '15', 'Une idée par carte.', 'Mur des défis');
		await addRound('Accueil', '10');
		const titles = editor.getByTestId('agenda-editor-round-title');
		await expect.poll(() => titles.allTextContents()).toEqual(['Idéation en tables', 'Accueil']);
		const handle = editor.getByRole('button', { name: /^Déplacer « Accueil »/ });
		await handle.focus();
		await page.keyboard.press('Alt+ArrowUp');
		await expect.poll(() => titles.allTextContents()).toEqual(['Accueil', 'Idéation en tables']);
		// Focus follows the moved round, so a second press would move it again.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
			.toMatch(/^Déplacer « Accueil »/);
		await editor.getByTestId('agenda-editor-save').click();
		await expect.poll(() => editor.textContent()).not.toContain('Modifications non enregistrées');
		const saved = await facilitator.client.json<AgendaView>(`/api/workshops/${workshop.id}/agenda`);
		expect(saved.body.items.map((i) => [i.title, i.durationSeconds])).toEqual([
			['Accueil', 600],
			['Idéation en tables', 900]
		]);
		const editable = await facilitator.client.json<{ items: AgendaItem[] }>(
			`/api/workshops/${workshop.id}/agenda?edit`
		);
		expect(editable.body.items.map((i) => i.linked ?? null)).toEqual([
			null,
			{ type: 'wall', id: wall.body.id }
		]);

		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			haoua.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(`/w/${workshop.code}`);
		const round = mobile.getByTestId('current-round');
		await expect.poll(() => round.getByTestId('agenda-round-title').textContent()).toBe('Accueil');

		const projector = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			screenMember.client
		);
		const screen = await projector.newPage();
		await screen.goto(`/w/${workshop.code}/ecran`);
		await expect.poll(() => screen.getByTestId('screen-code').textContent()).toBe(workshop.code);
		await expect.poll(() => screen.getByTestId('screen-round-title').textContent()).toBe('Accueil');
		await expect.poll(() => screen.getByTestId('screen-present').textContent()).toMatch(/\d/);
		expect(await screen.getByRole('button', { name: 'Démarrer' }).count()).toBe(0);

		const run = page.getByTestId('agenda-run');
		await run.getByRole('button', { name: 'Démarrer' }).click();
		const countdown = screen.getByTestId('screen-countdown');
		await expect
			.poll(() => screen.getByTestId('screen-timer-state').textContent())
			.toBe('En cours');
		const first = await shownSeconds(countdown);
		expect(first).toBeGreaterThan(590);
		expect(first).toBeLessThanOrEqual(600);
		// The projector counts down by itself: the shown seconds go down without any new message.
		await expect.poll(() => shownSeconds(countdown), { timeout: 5_000 }).toBeLessThan(first);

		// The phone raises a hand; the facilitator sees it and gives the floor.
		await mobile.getByTestId('queue-hand').click();
		await expect.poll(() => mobile.getByTestId('queue-position').textContent()).toContain('1');
		const queue = page.getByTestId('queue-panel');
		await expect.poll(() => queue.getByTestId('queue-waiting').textContent()).toContain('Haoua');
		await queue.getByRole('button', { name: 'Donner la parole à Haoua' }).click();
		await expect
			.poll(() => mobile.getByTestId('speaking-request').textContent())
			.toContain('Vous avez la parole');
		await expect.poll(() => screen.getByTestId('screen-queue').textContent()).toContain('Haoua');

		await run.getByRole('button', { name: 'Manche suivante' }).click();
		await expect
			.poll(() => round.getByTestId('agenda-round-title').textContent())
			.toBe('Idéation en tables');
		await expect.poll(() => round.textContent()).toContain('Une idée par carte.');
		await expect
			.poll(() => screen.getByTestId('screen-round-title').textContent())
			.toBe('Idéation en tables');
		// The 360 px phone shows it without sideways scrolling.
		const overflow = await mobile.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	});

	it('a facilitator starts from another template, duplicates and deletes rounds, then saves', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		const editor = page.getByTestId('agenda-editor');
		await editor.getByTestId('agenda-editor-template').selectOption('conference');
		await editor.getByRole('button', { name: 'Partir de ce modèle' }).click();
		const titles = editor.getByTestId('agenda-editor-round-title');
		await expect
			.poll(() => titles.allTextContents())
			.toEqual(['Choix du thème', 'Exposé', 'Questions du public', 'Synthèse']);
		await editor.getByRole('button', { name: 'Dupliquer « Exposé »' }).click();
		await editor.getByRole('button', { name: 'Supprimer « Choix du thème »' }).click();
		await editor.getByRole('button', { name: 'Monter « Synthèse »' }).click();
		await expect
			.poll(() => titles.allTextContents())
			.toEqual(['Exposé', 'Exposé', 'Synthèse', 'Questions du public']);
		await editor.getByTestId('agenda-editor-save').click();
		await expect
			.poll(async () => {
				const res = await facilitator.client.json<AgendaView>(
					`/api/workshops/${workshop.id}/agenda`
				);
				return res.body.items.map((i) => i.title);
			})
			.toEqual(['Exposé', 'Exposé', 'Synthèse', 'Questions du public']);
		await expect
			.poll(() => page.getByTestId('agenda-run').getByTestId('agenda-round-title').textContent())
			.toBe('Exposé');
	});
});
