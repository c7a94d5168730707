import { describe, expect, it } from 'vitest';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { command, vote } from '../integration/polls-helpers';
import { createNomination, memberOf, propose, shortlist } from '../integration/nominations-helpers';
import { e2eEnvironment, laptopContext, phoneContext } from './browser';

const env = e2eEnvironment();

describe('a nomination in the room', () => {
	it('a phone proposes a name, the facilitator shortlists and opens the vote, the phone votes, the projector shows the winner', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const haoua = await memberOf(env.server, workshop.code, 'Haoua');
		const ibrahim = await memberOf(env.server, workshop.code, 'Ibrahim');

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const page = await laptop.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		// The votes list is one of the control room's editing panels, closed until opened.
		await page.getByTestId('panel-votes').locator('> summary').click();
		const control = page.getByTestId('poll-control');
		await control.locator('summary', { hasText: 'Nouveau vote' }).click();
		const form = control.getByTestId('poll-create');
		await form.getByLabel('Question').fill('Qui est le modèle citoyen du quartier ?');
		await form.locator('select[name="method"]').selectOption('nomination');
		await form.getByLabel('Affichage des résultats').selectOption('manual');
		await form.getByLabel('Les animateurs et animatrices votent aussi').uncheck();
		await form.getByRole('button', { name: 'Créer le vote' }).click();
		const poll = control.getByTestId('control-poll');
		const panel = poll.getByTestId('nomination-panel');
		await expect.poll(() => panel.count()).toBe(1);
		// Still collecting names: nothing to open yet.
		expect(await poll.getByRole('button', { name: 'Ouvrir le vote' }).count()).toBe(0);

		// The phone proposes a name with a reason.
		const phone = await (
			await env.withSession(await phoneContext(env.browser, env.server.url), haoua.client)
		).newPage();
		await phone.goto(`/w/${workshop.code}`);
		const card = phone.getByTestId('live-poll');
		await expect.poll(() => card.count()).toBe(1);
		const proposeForm = card.getByTestId('nomination-propose');
		await proposeForm.getByLabel('Nom de la personne').fill('Mariama Issoufou');
		await proposeForm.getByLabel('Pourquoi elle ou lui ?').fill('Elle a fondé la tontine.');
		await proposeForm.getByRole('button', { name: 'Proposer' }).click();
		await expect
			.poll(() => card.getByTestId('proposal-sent').textContent())
			.toBe('Merci, votre proposition est enregistrée.');
		await expect
			.poll(() => card.getByTestId('my-proposals').textContent())
			.toContain('Mariama Issoufou');
		const other = await propose(ibrahim.client, (await card.getAttribute('data-poll-id'))!, {
			name: 'Oumarou Dan Baba'
		});
		expect(other.status).toBe(201);
		// The phone sees the count grow, never the other name.
		await expect
			.poll(() => card.getByTestId('proposal-count').textContent())
			.toBe('Propositions reçues\u202f: 2');
		expect(await card.textContent()).not.toContain('Oumarou');

		// The facilitator sees both arrive live, shortlists them and opens the vote.
		const candidates = panel.getByTestId('nomination-candidate');
		await expect.poll(() => candidates.count()).toBe(2);
		await panel.getByLabel('Retenir Mariama Issoufou').check();
		await panel.getByLabel('Retenir Oumarou Dan Baba').check();
		await panel.getByRole('button', { name: /Clore les propositions/ }).click();
		await expect.poll(() => poll.getByTestId('nomination-shortlisted').count()).toBe(1);
		await poll.getByRole('button', { name: 'Ouvrir le vote' }).click();
		await expect.poll(() => poll.getByTestId('poll-status').textContent()).toBe('Ouvert');

		// The projector follows the vote.
		const screen = await laptop.newPage();
		await screen.goto(`/w/${workshop.code}/ecran`);
		const shown = screen.getByTestId('screen-poll');
		await expect
			.poll(() => shown.getByTestId('poll-participation').textContent())
			.toBe('0 / 2 ont voté');

		await card.getByLabel('Mariama Issoufou').check();
		await card.getByRole('button', { name: 'Voter' }).click();
		await expect
			.poll(() => card.getByTestId('ballot-recorded').textContent())
			.toBe('Votre vote est enregistré.');
		await expect
			.poll(() => shown.getByTestId('poll-participation').textContent())
			.toBe('1 / 2 ont voté');
		// Manual reveal: no result on the projector before the facilitator reveals.
		expect(await shown.getByTestId('poll-bars').count()).toBe(0);

		await poll.getByRole('button', { name: 'Clore le vote' }).click();
		await poll.getByRole('button', { name: 'Dévoiler les résultats' }).click();
		await expect
			.poll(() => shown.locator('.verdict').textContent())
			.toBe('Option retenue\u202f: Mariama Issoufou');
		await expect
			.poll(() => shown.getByTestId('poll-bar-value').allTextContents())
			.toEqual(['1', '0']);
	});

	it('scoped by quartier: a phone sees only its quartier’s candidates, the projector one winner per quartier', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const zara = await memberOf(env.server, workshop.code, 'Zara', 'Zongo');
		const sani = await memberOf(env.server, workshop.code, 'Sani', 'Sabon Gari');
		const poll = await createNomination(facilitator.client, workshop.id, {
			scope: 'quartier',
			reveal: 'manual',
			eligibleRoles: ['participant']
		});
		const z = await propose(zara.client, poll.id, { name: 'Zakari' });
		const z2 = await propose(sani.client, poll.id, { name: 'Zalika', quartier: 'zongo' });
		const s1 = await propose(sani.client, poll.id, { name: 'Souley' });
		const done = await shortlist(facilitator.client, poll.id, [z.body.id, z2.body.id, s1.body.id]);
		expect(done.status).toBe(200);
		expect((await command(facilitator.client, poll.id, 'open')).status).toBe(200);

		const phone = await (
			await env.withSession(await phoneContext(env.browser, env.server.url), zara.client)
		).newPage();
		await phone.goto(`/w/${workshop.code}`);
		const card = phone.getByTestId('live-poll');
		await expect
			.poll(() => card.getByTestId('nomination-my-quartier').textContent())
			.toContain('Zongo');
		await expect.poll(() => card.getByLabel('Zakari').count()).toBe(1);
		expect(await card.getByLabel('Souley').count()).toBe(0);
		await card.getByLabel('Zalika').check();
		await card.getByRole('button', { name: 'Voter' }).click();
		await expect
			.poll(() => card.getByTestId('ballot-recorded').textContent())
			.toBe('Votre vote est enregistré.');
		const souley = done.body.options.find((o) => o.label === 'Souley')!;
		expect((await vote(sani.client, poll.id, { optionId: souley.id })).status).toBe(201);

		const laptop = await env.withSession(
			await laptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const screen = await laptop.newPage();
		await screen.goto(`/w/${workshop.code}/ecran`);
		const shown = screen.getByTestId('screen-poll');
		await expect
			.poll(() => shown.getByTestId('poll-participation').first().textContent())
			.toBe('2 / 2 ont voté');
		expect(await shown.getByTestId('results-by-quartier').count()).toBe(0);
		expect((await command(facilitator.client, poll.id, 'close')).status).toBe(200);
		expect((await command(facilitator.client, poll.id, 'reveal')).status).toBe(200);
		const zongo = shown.locator('[data-quartier="Zongo"]');
		await expect
			.poll(() => zongo.locator('.verdict').textContent())
			.toBe('Option retenue\u202f: Zalika');
		await expect
			.poll(() => shown.locator('[data-quartier="Sabon Gari"] .verdict').textContent())
			.toBe('Option retenue\u202f: Souley');
	});
});
