// The opinion map in a room (issue #16): the facilitator creates it from the control room and the
// round links it; three phones follow the round, write and vote (D'accord / Pas d'accord / Je
// passe); the projector draws the groups and a consensus statement; the facilitator turns that
// statement into a charter article. Screens at 360×740, 1366×768 and 1280×720 (PALABRE_SCREENS).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import type { HttpClient } from '../helpers/http-client';
import type { NextStatement } from '../../src/lib/protocol/opinion';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { facilitatorLaptopContext, projectorContext } from './devices';
import { saveScreen } from './screens';

const env = e2eEnvironment();

const CONSENSUS = 'Respecter les anciens et les voisins';
/** Split the room: the first two phones agree, the third disagrees. */
const SPLIT = [
	'Le marché doit fermer le dimanche',
	'Les motos doivent rester hors du marché',
	'Les jeunes doivent siéger au conseil de quartier',
	'La taxe de marché doit servir à la propreté',
	'Les réunions doivent se tenir le soir',
	'Il faut un comité de femmes pour l’eau',
	'Le quartier doit planter des arbres devant chaque école'
];

/** Votes on every statement the phone is shown, until none is left. */
async function voteAll(page: Page, camp: 'agree' | 'disagree') {
	const statement = page.getByTestId('opinion-statement');
	const done = page.getByTestId('opinion-done');
	for (let guard = 0; guard < 40; guard++) {
		await expect.poll(async () => (await done.count()) + (await statement.count())).toBe(1);
		if ((await done.count()) === 1) return;
		const id = await statement.getAttribute('data-statement-id');
		const text = (await statement.textContent()) ?? '';
		const button = text.includes(CONSENSUS)
			? 'vote-agree'
			: SPLIT.some((s) => text.includes(s))
				? `vote-${camp}`
				: 'vote-pass';
		await page.getByTestId(button).click();
		// The next statement replaces this one as soon as the vote is taken.
		await expect
			.poll(async () =>
				(await done.count()) === 1 ? 'done' : await statement.getAttribute('data-statement-id')
			)
			.not.toBe(id);
	}
	throw new Error('the phone never ran out of statements');
}

/** A member voting from the API (the room has more people than browsers), same rules. */
async function voteByApi(client: HttpClient, mapId: string, camp: 'agree' | 'disagree') {
	for (let guard = 0; guard < 40; guard++) {
		const next = await client.json<NextStatement>(`/api/opinion-maps/${mapId}/next`);
		if (next.status === 204) return;
		const { id, text } = next.body.statement;
		const vote = text === CONSENSUS ? 1 : SPLIT.includes(text) ? (camp === 'agree' ? 1 : -1) : 0;
		const answer = await client.json(`/api/opinion-maps/${mapId}/votes`, {
			method: 'POST',
			json: { statementId: id, vote }
		});
		expect(answer.status).toBe(200);
	}
	throw new Error('the member never ran out of statements');
}

describe('the opinion map in a room', () => {
	it('three phones write and vote, the projector shows the groups and a consensus, the facilitator makes it a charter article', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const charter = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'charter', title: 'Charte du bon citoyen' } }
		);
		expect(charter.status).toBe(201);

		// The facilitator creates the map from the control room, with starting statements.
		const laptop = await env.withSession(
			await facilitatorLaptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const control = await laptop.newPage();
		await control.goto(`/w/${workshop.code}/animation`);
		await hydrated(control);
		const panel = control.getByTestId('panel-opinion');
		await panel.locator('summary').click();
		await panel.getByTestId('opinion-create-prompt').fill('Qu’est-ce qu’un bon citoyen à Maradi ?');
		await panel.getByTestId('opinion-create-seeds').fill([CONSENSUS, ...SPLIT].join('\n'));
		await panel.getByTestId('opinion-create-submit').click();
		const mapControl = panel.getByTestId('opinion-map-control');
		await expect.poll(() => mapControl.count()).toBe(1);
		const mapId = (await mapControl.getAttribute('data-map-id')) ?? '';
		await expect.poll(() => panel.getByTestId('opinion-statements').locator('li').count()).toBe(8);

		// The round runs the map: phones follow it, the projector shows it.
		const agenda = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{
					title: 'Carte des opinions',
					kind: 'discussion',
					durationSeconds: 900,
					linked: { type: 'opinion', id: mapId }
				}
			]
		});
		expect(agenda.status).toBe(200);
		if (!(await mapControl.getByTestId('opinion-open-state').textContent())?.includes('Ouverte'))
			await mapControl.getByTestId('opinion-toggle-open').click();
		await expect
			.poll(() => mapControl.getByTestId('opinion-open-state').textContent())
			.toBe('Ouverte');

		const names = ['Haoua', 'Ibrahim', 'Mariama'];
		const phones: Page[] = [];
		for (const name of names) {
			const participant = await joinedParticipant(env.server, workshop.code, name);
			const context = await env.withSession(
				await phoneContext(env.browser, env.server.url),
				participant.client
			);
			const page = await context.newPage();
			await page.goto(`/w/${workshop.code}`);
			await page.waitForURL((u) => u.pathname === `/w/${workshop.code}/opinion/${mapId}`);
			await hydrated(page);
			phones.push(page);
		}

		// Each phone writes a statement; the counter counts down as it types.
		for (const [i, page] of phones.entries()) {
			const text = `Proposition de ${names[i]} sur la propreté`;
			await page.getByTestId('statement-text').fill(text);
			await expect
				.poll(() => page.getByTestId('statement-left').textContent())
				.toContain(`${140 - text.length} caractères restants`);
			await page.getByTestId('statement-send').click();
			await expect.poll(() => page.getByTestId('statement-sent').count()).toBe(1);
			await expect.poll(() => page.getByTestId('opinion-mine').textContent()).toContain(text);
		}
		await phones[0].evaluate(() => window.scrollTo(0, 0));
		await saveScreen(phones[0], 'opinion-phone-360', false);
		const width = await phones[0].evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(360);

		// The three phones vote at the same time, as in the room, with three more members from the
		// API: no group is shown under three people (their shares would be one or two people's own
		// votes), so two camps of three.
		const others = await Promise.all(
			['Souleymane', 'Zeinabou', 'Abdou'].map((name) =>
				joinedParticipant(env.server, workshop.code, name)
			)
		);
		await Promise.all([
			voteAll(phones[0], 'agree'),
			voteAll(phones[1], 'agree'),
			voteAll(phones[2], 'disagree'),
			voteByApi(others[0].client, mapId, 'agree'),
			voteByApi(others[1].client, mapId, 'disagree'),
			voteByApi(others[2].client, mapId, 'disagree')
		]);
		await expect
			.poll(() => phones[2].getByTestId('opinion-progress').textContent())
			.toMatch(/^(\d+) \/ \1 propositions vues$/);

		// The projector: the map with its groups and the consensus statement.
		const projector = await env.withSession(
			await projectorContext(env.browser, env.server.url),
			facilitator.client
		);
		const screen = await projector.newPage();
		await screen.goto(`/w/${workshop.code}/ecran`);
		const stage = screen.getByTestId('screen-opinion');
		await expect
			.poll(() => stage.getByTestId('opinion-group').count(), { timeout: 15_000 })
			.toBeGreaterThanOrEqual(2);
		await expect
			.poll(() => stage.getByTestId('screen-consensus').textContent(), { timeout: 15_000 })
			.toContain(CONSENSUS);
		expect(await stage.getByTestId('opinion-group-area').count()).toBeGreaterThanOrEqual(2);
		await saveScreen(screen, 'opinion-projector-1280', false);

		// A phone opens its map: its own dot is ringed.
		await phones[0].getByTestId('opinion-map-toggle').locator('summary').click();
		await expect
			.poll(() => phones[0].getByTestId('opinion-you').count(), { timeout: 15_000 })
			.toBe(1);
		await saveScreen(phones[0], 'opinion-phone-map-360');

		// The facilitator turns the consensus statement into a charter article.
		const consensus = panel
			.getByTestId('panel-consensus')
			.locator('li')
			.filter({ hasText: CONSENSUS });
		await expect.poll(() => consensus.count(), { timeout: 15_000 }).toBe(1);
		await saveScreen(control, 'opinion-control-1366', false);
		await consensus.getByTestId('promote-to').selectOption('article');
		await consensus.getByTestId('promote-submit').click();
		await expect
			.poll(() => consensus.getByTestId('promote-result').textContent())
			.toContain('Ajouté à la charte');
		const articles = await facilitator.client.json<{ title: string; text: string }[]>(
			`/api/documents/${charter.body.id}/articles`
		);
		expect(articles.body.some((a) => `${a.title} ${a.text}`.includes(CONSENSUS))).toBe(true);
		const actions = (await env.server.app.audit.list(workshop.id)).map((e) => e.action);
		expect(actions).toContain('opinion.promote');
	}, 240_000);
});
