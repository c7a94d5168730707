// Results of a vote cast by SMS, USSD, a browser and a show of hands: the public results page
// says how many came by each channel, on a phone, a laptop and a projector.
import { describe, expect, it } from 'vitest';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';
import { command, openPoll, vote } from '../integration/polls-helpers';
import { SMS_ENV, twilioSms, ussd } from '../integration/sms-helpers';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { facilitatorLaptopContext, projectorContext } from './devices';
import { saveScreen } from './screens';

const env = e2eEnvironment({ server: () => startTestServer({ env: SMS_ENV }) });

describe('results by channel', () => {
	it('shows web, SMS, USSD and room counts on the published results', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const poll = await openPoll(facilitator.client, workshop.id, {
			question: 'Quel chantier en premier à Dan-Kassari ?',
			options: [{ label: 'Forage' }, { label: 'Dispensaire' }, { label: 'École' }]
		});
		const url = env.server.url;
		for (const [i, from] of ['+227 90 11 11 11', '+227 90 22 22 22'].entries()) {
			await twilioSms(url, { from, body: `${workshop.code} Votant${i}`, sid: `j${i}` });
			const voted = await twilioSms(url, { from, body: String(i + 1), sid: `v${i}` });
			expect(voted.reply).toContain('Vote enregistré');
		}
		await twilioSms(url, { from: '+227 90 33 33 33', body: `${workshop.code} Zara`, sid: 'j3' });
		const cast = await ussd(url, { sessionId: 'u1', phoneNumber: '+227 90 33 33 33', text: '1*1' });
		expect(cast.text).toMatch(/^END Vote enregistré/);
		const web = await joinedParticipant(env.server, workshop.code, 'Haoua');
		expect((await vote(web.client, poll.id, { optionId: poll.options[2].id })).status).toBe(201);
		const room = await facilitator.client.json(`/api/polls/${poll.id}/room-counts`, {
			method: 'POST',
			json: {
				label: 'Main levée',
				counts: { [poll.options[0].id]: 12, [poll.options[1].id]: 5, [poll.options[2].id]: 3 }
			}
		});
		expect(room.status).toBe(201);
		await command(facilitator.client, poll.id, 'close');
		await command(facilitator.client, poll.id, 'publish');

		const screens = [
			['phone', phoneContext],
			['laptop', facilitatorLaptopContext],
			['projector', projectorContext]
		] as const;
		for (const [name, context] of screens) {
			const page = await (await context(env.browser, url)).newPage();
			await page.goto(`/resultats/${poll.id}`);
			await hydrated(page);
			const line = page.getByTestId('poll-channels');
			await expect
				.poll(() => line.textContent())
				.toBe('Par canal\u202f: navigateur 1 · SMS 2 · USSD 1 · en salle 20');
			await saveScreen(page, `sms-results-${name}`);
			await page.context().close();
		}
	});
});
