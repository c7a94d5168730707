// axe-core on every kind of page, each in the browser it is made for (phone, laptop, projector),
// after its live content has arrived: no serious or critical violation anywhere.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { planWorkshop, PLAN_TITLE } from '../integration/plan-review-fixtures';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { facilitatorLaptopContext, projectorContext } from './devices';
import { axeViolations, describeViolations, expectNoSeriousAxeViolations } from './axe';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant } from '../helpers/fixtures';
import type { NextStatement } from '../../src/lib/protocol/opinion';

const env = e2eEnvironment();

type World = Awaited<ReturnType<typeof planWorkshop>> & {
	charterId: string;
	wallId: string;
	openPollId: string;
	publishedPollId: string;
};
let world: World;

async function poll(facilitator: HttpClient, workshopId: string, question: string) {
	const created = await facilitator.json<{ id: string }>(`/api/workshops/${workshopId}/polls`, {
		method: 'POST',
		json: {
			question,
			method: 'single',
			options: [{ label: 'Oui' }, { label: 'Non' }],
			reveal: 'live'
		}
	});
	expect(created.status).toBe(201);
	const opened = await facilitator.json(`/api/polls/${created.body.id}/open`, { method: 'POST' });
	expect(opened.status).toBe(200);
	return created.body.id;
}

beforeAll(async () => {
	const plan = await planWorkshop(env.server);
	const { facilitator, workshop } = plan;
	const document = async (kind: string, title: string, template?: string) => {
		const res = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind, title, ...(template ? { template } : {}) } }
		);
		expect(res.status).toBe(201);
		return res.body.id;
	};
	const charterId = await document('charter', 'Charte de la citoyenneté', 'charter');
	const wallId = await document('idea_wall', 'Idées pour la charte');
	const openPollId = await poll(facilitator.client, workshop.id, 'Adoptez-vous la charte ?');
	const publishedPollId = await poll(facilitator.client, workshop.id, 'Le vote est-il clair ?');
	for (const command of ['close', 'publish']) {
		const res = await facilitator.client.json(`/api/polls/${publishedPollId}/${command}`, {
			method: 'POST'
		});
		expect(res.status).toBe(200);
	}
	const submitted = await facilitator.client.json(`/api/documents/${plan.documentId}/submit`, {
		method: 'POST'
	});
	expect(submitted.status).toBe(201);
	world = { ...plan, charterId, wallId, openPollId, publishedPollId };
});

type Device = 'phone' | 'laptop' | 'projector';
type Person = 'facilitator' | 'participant' | 'mayor' | 'observer' | null;

/** A fresh context for one person on one device; closed by the caller. */
async function open(
	device: Device,
	person: Person
): Promise<{ context: BrowserContext; page: Page }> {
	const make = {
		phone: phoneContext,
		laptop: facilitatorLaptopContext,
		projector: projectorContext
	};
	const context = await make[device](env.browser, env.server.url);
	if (person) await env.withSession(context, world[person].client);
	return { context, page: await context.newPage() };
}

async function check(
	device: Device,
	person: Person,
	path: string,
	ready: (page: Page) => Promise<unknown>
) {
	const { context, page } = await open(device, person);
	try {
		await page.goto(path);
		await hydrated(page);
		await ready(page);
		await expectNoSeriousAxeViolations(page);
	} finally {
		await context.close();
	}
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

describe('no serious or critical accessibility violation (axe-core)', () => {
	it('on the home page', async () => {
		await check('phone', null, '/', async (page) =>
			expect.poll(() => page.locator('h1').count()).toBeGreaterThan(0)
		);
	});

	it('on the sign-in page', async () => {
		await check('laptop', null, '/connexion', async (page) =>
			expect.poll(() => page.getByRole('textbox').count()).toBeGreaterThan(0)
		);
	});

	it('on the sign-up page', async () => {
		await check('phone', null, '/inscription', async (page) =>
			expect.poll(() => page.getByRole('textbox').count()).toBeGreaterThan(1)
		);
	});

	it('on the facilitator’s workshop list and the new-workshop form', async () => {
		await check('laptop', 'facilitator', '/ateliers', async (page) =>
			expect.poll(() => page.locator('main').textContent()).toContain('Collaborathon de Maradi')
		);
		await check('laptop', 'facilitator', '/ateliers/nouveau', async (page) =>
			expect.poll(() => page.getByRole('textbox').count()).toBeGreaterThan(0)
		);
	});

	it('on the notifications page, for the mayor', async () => {
		await check('phone', 'mayor', '/notifications', async (page) =>
			expect.poll(() => page.getByTestId('notification').count()).toBeGreaterThan(0)
		);
	});

	it('on the join page', async () => {
		await check('phone', null, `/j/${world.workshop.code}`, async (page) =>
			expect.poll(() => page.locator('h1').textContent()).toContain('Collaborathon de Maradi')
		);
	});

	it('on the workshop hub, on a phone', async () => {
		await check('phone', 'participant', `/w/${world.workshop.code}`, async (page) => {
			await expect.poll(() => text(page, 'live-status')).toBe('En ligne');
			await expect.poll(() => text(page, 'documents')).toContain('Charte de la citoyenneté');
		});
	});

	it('on the vote page, on a phone', async () => {
		await check(
			'phone',
			'participant',
			`/w/${world.workshop.code}/vote/${world.openPollId}`,
			async (page) => {
				await expect
					.poll(() => page.getByRole('heading', { level: 1 }).textContent())
					.toContain('Adoptez-vous la charte');
				await expect.poll(() => page.getByTestId('ballot-form').count()).toBe(1);
			}
		);
	});

	it('on the vote page, on a phone, once voted with the live results shown', async () => {
		await check(
			'phone',
			'participant',
			`/w/${world.workshop.code}/vote/${world.openPollId}`,
			async (page) => {
				const form = page.getByTestId('ballot-form');
				await form.getByLabel('Oui').check();
				await form.getByRole('button', { name: 'Voter' }).click();
				await expect.poll(() => text(page, 'ballot-recorded')).toBe('Votre vote est enregistré.');
				await expect.poll(() => page.getByTestId('poll-bars').count()).toBe(1);
			}
		);
	});

	it('on the opinion page, on a phone: a statement to vote on, the form, then the map opened', async () => {
		const seeds = [
			'Un bon citoyen paie sa taxe de voirie',
			'Les jeunes doivent siéger au conseil de quartier',
			'Le marché doit fermer le vendredi après-midi',
			'Chaque famille plante un arbre par an',
			'Les forages sont entretenus par un comité élu',
			'La mairie affiche son budget au marché',
			'Les motos ne roulent pas dans la cour de l’école'
		];
		const created = await world.facilitator.client.json<{ id: string }>(
			`/api/workshops/${world.workshop.id}/opinion-maps`,
			{ method: 'POST', json: { prompt: 'Qu’est-ce qu’un bon citoyen à Maradi ?', seeds } }
		);
		expect(created.status).toBe(201);
		const path = `/w/${world.workshop.code}/opinion/${created.body.id}`;
		await check('phone', 'participant', path, async (page) => {
			await expect.poll(() => text(page, 'live-status')).toBe('En ligne');
			await expect.poll(() => page.getByTestId('opinion-statement').count()).toBe(1);
			await expect.poll(() => page.getByTestId('statement-form').count()).toBe(1);
			// This page is held to no violation at all, not only no serious one.
			expect(describeViolations(await axeViolations(page))).toEqual([]);
		});

		// Two camps of three vote on everything (no group under three is drawn), then the map.
		for (let i = 0; i < 6; i++) {
			const { client } = await joinedParticipant(env.server, world.workshop.code, `Votant ${i}`);
			for (let n = 0; n < seeds.length; n++) {
				const next = await client.json<NextStatement>(`/api/opinion-maps/${created.body.id}/next`);
				expect(next.status).toBe(200);
				const vote = next.body.statement.text.includes('taxe') ? 1 : i < 3 ? 1 : -1;
				const answer = await client.json(`/api/opinion-maps/${created.body.id}/votes`, {
					method: 'POST',
					json: { statementId: next.body.statement.id, vote }
				});
				expect(answer.status).toBe(200);
			}
		}
		await check('phone', 'participant', path, async (page) => {
			await page.getByTestId('opinion-map-toggle').locator('summary').click();
			await expect.poll(() => page.getByTestId('opinion-plot').count()).toBe(1);
			await expect.poll(() => page.getByTestId('opinion-group-area').count()).toBe(2);
			expect(describeViolations(await axeViolations(page))).toEqual([]);
		});
	});

	it('on a co-edited document, for the facilitator (toolbar, lock, versions)', async () => {
		await check(
			'laptop',
			'facilitator',
			`/w/${world.workshop.code}/documents/${world.charterId}`,
			async (page) => {
				// The template is articles now: the editor shows titles, the panel numbers.
				await expect.poll(() => text(page, 'editor')).toContain('Objet de la charte');
				await expect.poll(() => page.getByTestId('lock-toggle').count()).toBe(1);
				await expect.poll(() => page.getByTestId('outline-article').count()).toBe(5);
			}
		);
	});

	it('on a co-edited document, on a phone', async () => {
		await check(
			'phone',
			'participant',
			`/w/${world.workshop.code}/documents/${world.charterId}`,
			async (page) => {
				await expect.poll(() => text(page, 'editor')).toContain('Objet de la charte');
				await expect.poll(() => page.getByTestId('outline-article').count()).toBe(5);
			}
		);
	});

	it('on the idea wall, on a phone, with a card posted', async () => {
		await check(
			'phone',
			'participant',
			`/w/${world.workshop.code}/mur/${world.wallId}`,
			async (page) => {
				await expect.poll(() => text(page, 'wall-status')).toContain('Enregistré');
				await page.getByTestId('wall-post-text').fill('Respecter le bien commun');
				await page.getByRole('button', { name: 'Afficher au mur' }).click();
				await expect.poll(() => text(page, 'wall-board')).toContain('Respecter le bien commun');
			}
		);
	});

	it('on the idea wall, for the facilitator (moderation tools)', async () => {
		await check(
			'laptop',
			'facilitator',
			`/w/${world.workshop.code}/mur/${world.wallId}`,
			async (page) => {
				await expect.poll(() => text(page, 'wall-board')).toContain('Respecter le bien commun');
				await expect.poll(() => page.getByTestId('wall-card').count()).toBe(1);
			}
		);
	});

	it('on the action plan, on a laptop', async () => {
		await check(
			'laptop',
			'facilitator',
			`/w/${world.workshop.code}/plans/${world.documentId}`,
			async (page) =>
				expect.poll(() => text(page, 'plan-table')).toContain('Forage au quartier Sabon Gari')
		);
	});

	it('on the action plan, on a phone', async () => {
		await check(
			'phone',
			'participant',
			`/w/${world.workshop.code}/plans/${world.documentId}`,
			async (page) =>
				expect.poll(() => text(page, 'plan-cards')).toContain('Forage au quartier Sabon Gari')
		);
	});

	it('on the review page, for the mayor', async () => {
		await check(
			'phone',
			'mayor',
			`/w/${world.workshop.code}/plans/${world.documentId}/revue`,
			async (page) => {
				await expect.poll(() => text(page, 'review-status')).toContain('en attente de relecture');
				await expect.poll(() => page.getByTestId('review-approve').count()).toBe(1);
			}
		);
	});

	it('on the projector screen', async () => {
		await check('projector', 'observer', `/w/${world.workshop.code}/ecran`, async (page) =>
			expect.poll(() => text(page, 'screen-code')).toBe(world.workshop.code)
		);
	});

	it('on the projector screen during a vote', async () => {
		const agenda = await world.facilitator.client.json(
			`/api/workshops/${world.workshop.id}/agenda`,
			{
				method: 'PUT',
				json: [
					{
						title: 'Vote de la charte',
						kind: 'vote',
						durationSeconds: 600,
						linked: { type: 'poll', id: world.openPollId }
					}
				]
			}
		);
		expect(agenda.status).toBe(200);
		await check('projector', 'observer', `/w/${world.workshop.code}/ecran`, async (page) => {
			await expect.poll(() => text(page, 'screen-round-title')).toBe('Vote de la charte');
			await expect.poll(() => page.getByTestId('screen-poll').count()).toBe(1);
		});
	});

	it('on the facilitator control room', async () => {
		await check('laptop', 'facilitator', `/w/${world.workshop.code}/animation`, async (page) => {
			await expect.poll(() => text(page, 'join-code')).toBe(world.workshop.code);
			await expect.poll(() => text(page, 'documents')).toContain(PLAN_TITLE);
		});
	});

	it('on the public results of a published vote', async () => {
		await check('phone', null, `/resultats/${world.publishedPollId}`, async (page) =>
			expect.poll(() => page.locator('h1').textContent()).toContain('Le vote est-il clair')
		);
	});

	it('on the public follow-up of an approved plan', async () => {
		const hash = await world.mayor.client.json<{ hash: string }>(
			`/api/documents/${world.documentId}/review`
		);
		const approved = await world.mayor.client.json(`/api/documents/${world.documentId}/review`, {
			method: 'POST',
			json: {
				decision: 'approve',
				signatoryName: 'Moussa Ibrahim',
				signatoryTitle: 'Maire de la commune de Maradi I',
				hash: hash.body.hash
			}
		});
		expect(approved.status).toBe(200);
		await check('phone', null, `/suivi/${world.documentId}`, async (page) =>
			expect.poll(() => text(page, 'public-approval')).toContain('Moussa Ibrahim')
		);
	});
});
