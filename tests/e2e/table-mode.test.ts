// One phone per table, in chromium: the facilitator creates « Table 3 » with a participant as its
// relay (control room, 1366×768); on the relay's phone (360×740) three names are registered and
// each votes in turn on « Qui vote ? »; between two people the screen keeps nothing of the
// previous ballot; the results count three ballots from the shared table.
import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { command, openPoll, results } from '../integration/polls-helpers';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { facilitatorLaptopContext } from './devices';
import { saveScreen } from './screens';

const env = e2eEnvironment();

describe('one phone per table', () => {
	it('the relay registers three names, votes for each in turn with the screen cleared between them, results show 3', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(env.server);
		const relay = await joinedParticipant(env.server, workshop.code, 'Mariama');

		// The control room: « Table 3 », with Mariama's phone as the shared one.
		const laptop = await env.withSession(
			await facilitatorLaptopContext(env.browser, env.server.url),
			facilitator.client
		);
		const room = await laptop.newPage();
		await room.goto(`/w/${workshop.code}/animation`);
		await hydrated(room);
		await room.getByTestId('panel-tables').locator('summary').click();
		const panel = room.getByTestId('tables-panel');
		await panel.getByLabel('Nom de la table').fill('Table 3');
		const relaySelect = panel.getByLabel('Relais (le téléphone partagé)');
		await expect.poll(() => relaySelect.locator('option', { hasText: 'Mariama' }).count()).toBe(1);
		await relaySelect.selectOption({ label: 'Mariama' });
		await panel.getByRole('button', { name: 'Créer la table' }).click();
		await expect
			.poll(() => panel.getByTestId('tables-list').textContent())
			.toContain('Relais\u202f: Mariama');
		await saveScreen(room, 'table-control-room');

		// Mariama's phone: « Ma table », three names.
		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			relay.client
		);
		const page = await phone.newPage();
		await page.goto(`/w/${workshop.code}`);
		await hydrated(page);
		const mine = page.getByTestId('my-table');
		await expect.poll(() => mine.locator('h2').textContent()).toBe('Ma table · Table 3');
		for (const name of ['Awa', 'Issa', 'Fati']) {
			await mine.getByLabel('Ajouter un nom').fill(name);
			await mine.getByRole('button', { name: 'Ajouter', exact: true }).click();
			await expect
				.poll(() => mine.getByTestId('table-done').textContent())
				.toBe(`${name} est sur la table.`);
		}
		await expect
			.poll(() => mine.getByTestId('table-names').locator('li .name').allTextContents())
			.toEqual(['Awa', 'Issa', 'Fati']);
		await saveScreen(page, 'table-ma-table');

		// A poll opens: « Qui vote ? » appears on the relay's hub.
		const poll = await openPoll(facilitator.client, workshop.id, {
			question: 'Quel chantier en premier à Maradi ?',
			options: [{ label: 'Forage' }, { label: 'Dispensaire' }, { label: 'École' }]
		});
		const link = mine.getByTestId('table-vote-link');
		await link.waitFor();
		await saveScreen(page, 'table-ma-table-poll');
		await link.click();
		await page.getByTestId('table-who').waitFor();
		await hydrated(page);
		await saveScreen(page, 'table-qui-vote');

		const picks = ['Forage', 'Dispensaire', 'Forage'];
		for (const [i, name] of ['Awa', 'Issa', 'Fati'].entries()) {
			await page.getByTestId('table-name').filter({ hasText: name }).click();
			const ballot = page.getByTestId('table-ballot');
			await expect
				.poll(() => ballot.getByTestId('table-ballot-for').textContent())
				.toContain(`À ${name} de voter`);
			// A fresh form: nothing of the previous person's choice.
			expect(await ballot.locator('input[type=radio]:checked').count()).toBe(0);
			await ballot.getByText(picks[i], { exact: true }).click();
			await ballot.getByRole('button', { name: 'Voter' }).click();
			const thanks = page.getByTestId('table-thanks');
			await expect
				.poll(() => thanks.textContent())
				.toContain(`Merci, ${name} — passez le téléphone`);
			// The confirmation shows nothing of the ballot: no option, no form.
			expect(await page.getByTestId('ballot-form').count()).toBe(0);
			for (const label of ['Forage', 'Dispensaire', 'École'])
				expect(await page.getByText(label, { exact: true }).count()).toBe(0);
			if (i === 0) await saveScreen(page, 'table-merci', false);
			await page.getByTestId('table-next').click();
			await page.getByTestId('table-who').waitFor();
		}
		await expect
			.poll(() => page.getByTestId('table-progress').textContent())
			.toBe('3 sur 3 ont voté');
		expect(await page.getByTestId('table-voted').count()).toBe(3);
		await saveScreen(page, 'table-qui-vote-done');

		// Back on the hub, « Qui ? »: Issa's hand goes up from the same phone.
		await page.getByTestId('to-workshop').click();
		const hub = page.getByTestId('my-table');
		await hub.waitFor();
		await hydrated(page);
		await hub.getByTestId('table-who-pick').filter({ hasText: 'Issa' }).click();
		await hub.getByTestId('table-raise-hand').click();
		await expect
			.poll(() => hub.getByTestId('table-done').textContent())
			.toBe('Issa a levé la main.');
		await saveScreen(page, 'table-ma-table-hand');

		await command(facilitator.client, poll.id, 'close');
		const res = await results(facilitator.client, poll.id);
		expect(res.body.totalBallots).toBe(3);
		expect(res.body.options.map((o) => o.count)).toEqual([2, 1, 0]);
		await laptop.close();
		await phone.close();
	});
});
