// The published charter as people read it: on a 360 px phone and on the facilitator's laptop the
// page fits its width, shows each adopted article with its vote line, passes axe, and its PDF link
// downloads the same charter.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/file-text';
import { waitFor } from '../helpers/wait-for';
import {
	castConsent,
	charterRoom,
	closePoll,
	propose,
	putToVote
} from '../integration/charter-fixtures';
import { expectNoSeriousAxeViolations } from './axe';
import { e2eEnvironment, phoneContext } from './browser';
import { facilitatorLaptopContext } from './devices';
import { saveScreen } from './screens';

const env = e2eEnvironment();

async function publishedCharter() {
	const { facilitator, documentId, people, ids } = await charterRoom(env.server, 3);
	const fac = facilitator.client;
	const adopted = async (articleId: string) =>
		waitFor(
			async () =>
				(
					await fac.json<{ articleId: string; status: string }[]>(
						`/api/documents/${documentId}/articles`
					)
				).body.find((a) => a.articleId === articleId)?.status === 'adopted',
			5_000,
			{ description: 'article adopted' }
		);
	const amendment = await propose(people[0].client, documentId, ids[2], {
		kind: 'replace',
		passage: 'une concertation publique par trimestre',
		text: 'deux concertations publiques par trimestre'
	});
	const amendmentPoll = await putToVote(fac, documentId, ids[2], {
		amendmentId: amendment.body.amendmentId
	});
	await castConsent(people, amendmentPoll, ['for', 'for', 'abstain']);
	await closePoll(fac, amendmentPoll);
	// A rejected amendment too, for the table.
	const rejected = await propose(people[1].client, documentId, ids[1], {
		kind: 'rewrite',
		text: 'La charte est un texte sans portée.'
	});
	const rejectedPoll = await putToVote(fac, documentId, ids[1], {
		amendmentId: rejected.body.amendmentId
	});
	await castConsent(people, rejectedPoll, ['against', 'against', 'for']);
	await closePoll(fac, rejectedPoll);
	for (const [articleId, ballots] of [
		[ids[1], ['for', 'for', 'for']],
		[ids[2], ['for', 'against', 'for']]
	] as const) {
		const poll = await putToVote(fac, documentId, articleId);
		await castConsent(people, poll, [...ballots]);
		await closePoll(fac, poll);
		await adopted(articleId);
	}
	const published = await fac.json(`/api/documents/${documentId}/publish-charter`, {
		method: 'POST',
		json: { published: true }
	});
	expect(published.status).toBe(200);
	return documentId;
}

describe('the published consolidated charter', () => {
	it('reads on a 360 px phone and a 1366 px laptop, and downloads as PDF', async () => {
		const documentId = await publishedCharter();
		for (const [name, open] of [
			['phone', phoneContext],
			['laptop', facilitatorLaptopContext]
		] as const) {
			const context = await open(env.browser, env.server.url);
			const page = await context.newPage();
			await page.goto(`/charte/${documentId}`);
			await expect.poll(() => page.getByTestId('charter-article').count()).toBe(2);
			await expect
				.poll(() => page.getByTestId('charter-vote-line').first().textContent())
				.toMatch(/^Adopté le .+ par 3 voix pour, aucune voix contre et aucune abstention\.$/);
			// Nothing wider than the screen: the amendments table scrolls inside its own frame.
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			expect(overflow, name).toBeLessThanOrEqual(0);
			await expectNoSeriousAxeViolations(page);
			await saveScreen(page, `charter-consolidated-${name}`);
			if (name === 'phone') {
				const [download] = await Promise.all([
					page.waitForEvent('download'),
					page.getByTestId('charter-pdf').click()
				]);
				expect(download.suggestedFilename()).toMatch(/\.pdf$/);
				const text = pdfText(await readFile(await download.path())).replace(/\s+/g, '');
				expect(text).toContain('Article2—Participation');
				expect(text).toContain('par2voixpour,1contreetaucuneabstention.');
			}
			await context.close();
		}
	});
});
