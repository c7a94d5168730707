// Low-literacy aids on the light voting page, on a 360 px phone: every option wears a marker (a
// shape in a colour, never a colour alone), and where the phone has a voice for the page's
// language a speaker button reads the question and the options aloud. The phone's speech
// synthesis is replaced by a recording fake (`page.addInitScript`), with or without a voice.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { expectNoSeriousAxeViolations } from './axe';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { saveScreen } from './screens';

const env = e2eEnvironment();

interface Spoken {
	text: string;
	lang: string;
}

/**
 * A speech synthesis that records what it is asked to say. Like Chromium, it lists no voice on
 * the first `getVoices()` and announces them with `voiceschanged` a moment later.
 */
function fakeSpeech(voices: { lang: string; name: string; localService: boolean }[]) {
	const spoken: Spoken[] = [];
	const listeners = new Set<() => void>();
	let listed = false;
	class Utterance {
		lang = '';
		voice: unknown = null;
		onend: (() => void) | null = null;
		onerror: (() => void) | null = null;
		constructor(public text: string) {}
	}
	const synth = {
		getVoices() {
			if (listed) return voices;
			// As Chrome does: the first call lists nothing; the voices come with `voiceschanged`,
			// sent (here) to whoever listens once that first listing has happened.
			listed = true;
			queueMicrotask(() => listeners.forEach((f) => f()));
			return [];
		},
		speak(u: Utterance) {
			spoken.push({ text: u.text, lang: u.lang });
		},
		cancel() {},
		addEventListener(type: string, f: () => void) {
			if (type !== 'voiceschanged') return;
			listeners.add(f);
			if (listed) queueMicrotask(f);
		},
		removeEventListener(_: string, f: () => void) {
			listeners.delete(f);
		}
	};
	Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
	Object.defineProperty(window, 'SpeechSynthesisUtterance', {
		value: Utterance,
		configurable: true
	});
	(window as unknown as { spoken: Spoken[] }).spoken = spoken;
}

const FRENCH = [{ lang: 'fr-FR', name: 'Voix française', localService: true }];
const ENGLISH_ONLY = [{ lang: 'en-US', name: 'English voice', localService: true }];

async function openPoll(facilitator: HttpClient, workshopId: string, json: object) {
	const created = await facilitator.json<{ id: string }>(`/api/workshops/${workshopId}/polls`, {
		method: 'POST',
		json: { reveal: 'live', ...json }
	});
	expect(created.status).toBe(201);
	const open = await facilitator.json(`/api/polls/${created.body.id}/open`, { method: 'POST' });
	expect(open.status).toBe(200);
	return created.body.id;
}

async function world() {
	const { workshop, facilitator } = await workshopWithFacilitator(env.server);
	const person = await joinedParticipant(env.server, workshop.code, 'Haoua');
	const labels = ['Eau potable', 'Santé', 'Éducation', 'Routes et pistes'];
	const options = labels.map((label) => ({ label }));
	const polls = {
		single: await openPoll(facilitator.client, workshop.id, {
			question: 'Quel thème pour la prochaine conférence ?',
			method: 'single',
			options
		}),
		consent: await openPoll(facilitator.client, workshop.id, {
			question: 'Adoptons-nous l’article 3 ?',
			method: 'consent'
		}),
		ranked: await openPoll(facilitator.client, workshop.id, {
			question: 'Classez les priorités du quartier',
			method: 'ranked',
			options
		}),
		majority: await openPoll(facilitator.client, workshop.id, {
			question: 'Que pensez-vous de chaque projet ?',
			method: 'majority_judgment',
			options
		})
	};
	return { workshop, facilitator, person, polls, labels };
}

type World = Awaited<ReturnType<typeof world>>;
let shared: Promise<World> | null = null;
const setUp = () => (shared ??= world());

async function phone(w: World, voices?: typeof FRENCH): Promise<BrowserContext> {
	const context = await env.withSession(
		await phoneContext(env.browser, env.server.url),
		w.person.client
	);
	if (voices) await context.addInitScript(fakeSpeech, voices);
	return context;
}

async function ballot(page: Page, w: World, pollId: string) {
	await page.goto(`/w/${w.workshop.code}/vote/${pollId}`);
	await hydrated(page);
	const form = page.getByTestId('ballot-form');
	await form.waitFor();
	return form;
}

const shapes = (page: Page) =>
	page
		.getByTestId('ballot-option')
		.evaluateAll((rows) =>
			rows.map((row) => row.querySelector('svg[data-shape]')?.getAttribute('data-shape'))
		);

describe('low-literacy aids on the voting page', () => {
	it('puts a marker of a different shape beside every option of a single, consent and ranked ballot', async () => {
		const w = await setUp();
		const context = await phone(w);
		const page = await context.newPage();
		try {
			await ballot(page, w, w.polls.single);
			const single = await shapes(page);
			expect(single).toHaveLength(4);
			expect(single.every(Boolean)).toBe(true);
			expect(new Set(single).size).toBe(4);
			await saveScreen(page, 'vote-single-360');

			await ballot(page, w, w.polls.consent);
			// Pour, contre, abstention: a tick, a cross and a dash, not three colours.
			expect(await shapes(page)).toEqual(['tick', 'cross', 'dash']);
			await saveScreen(page, 'vote-consent-360');

			await ballot(page, w, w.polls.ranked);
			const ranked = await shapes(page);
			expect(new Set(ranked).size).toBe(4);
			// The marker follows its option when it moves: it is the option's, not the row's.
			const first = ranked[0];
			await page.getByRole('button', { name: 'Descendre « Eau potable »' }).click();
			await expect.poll(async () => (await shapes(page))[1]).toBe(first);
			await saveScreen(page, 'vote-ranked-360');

			await ballot(page, w, w.polls.majority);
			expect(new Set(await shapes(page)).size).toBe(4);
			await saveScreen(page, 'vote-majority-360');
			// No speech synthesis on this phone: no speaker button.
			expect(await page.getByTestId('speak').count()).toBe(0);
		} finally {
			await context.close();
		}
	});

	it('reads the question and each option aloud in French where the phone has a French voice', async () => {
		const w = await setUp();
		const context = await phone(w, FRENCH);
		const page = await context.newPage();
		try {
			const form = await ballot(page, w, w.polls.single);
			const one = form.getByRole('button', { name: 'Écouter « Santé »' });
			await one.waitFor();
			await one.click();
			const spoken = () => page.evaluate(() => (window as unknown as { spoken: Spoken[] }).spoken);
			await expect.poll(spoken).toEqual([{ text: 'Santé', lang: 'fr-FR' }]);

			await form.getByRole('button', { name: 'Écouter la question et les choix' }).click();
			await expect
				.poll(async () => (await spoken()).slice(1).map((s) => s.text))
				.toEqual([
					'Quel thème pour la prochaine conférence ?',
					'Eau potable',
					'Santé',
					'Éducation',
					'Routes et pistes'
				]);
			expect((await spoken()).every((s) => s.lang.startsWith('fr'))).toBe(true);
			await expectNoSeriousAxeViolations(page);
			await saveScreen(page, 'vote-single-speech-360');

			await ballot(page, w, w.polls.ranked);
			await page.getByRole('button', { name: 'Écouter « Éducation »' }).waitFor();
			// Made for 360 px: the speaker and the arrows fit, nothing sticks out sideways.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				360
			);
			await expectNoSeriousAxeViolations(page);
			await saveScreen(page, 'vote-ranked-speech-360');

			await ballot(page, w, w.polls.majority);
			await page.getByRole('button', { name: 'Écouter « Santé »' }).waitFor();
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				360
			);
			await saveScreen(page, 'vote-majority-speech-360');
		} finally {
			await context.close();
		}
	});

	it('shows no speaker button where the phone has no voice for the page’s language', async () => {
		const w = await setUp();
		const context = await phone(w, ENGLISH_ONLY);
		const page = await context.newPage();
		try {
			await ballot(page, w, w.polls.consent);
			// The voices have been listed (voiceschanged came) and none speaks French.
			await expect
				.poll(() => page.evaluate(() => window.speechSynthesis.getVoices().length))
				.toBe(1);
			await page.waitForTimeout(100);
			expect(await page.getByTestId('speak').count()).toBe(0);
		} finally {
			await context.close();
		}
	});

	it('shows the same markers on the phone’s results and on the projector', async () => {
		const w = await setUp();
		const context = await phone(w);
		const page = await context.newPage();
		try {
			const form = await ballot(page, w, w.polls.single);
			const onBallot = await shapes(page);
			await form.getByText('Santé').click();
			await form.getByRole('button', { name: 'Voter' }).click();
			await page.getByTestId('poll-bars').waitFor();
			// The bars list options by their result; each keeps its ballot marker.
			const bars = await page
				.getByTestId('poll-bars')
				.locator('li')
				.evaluateAll((rows) =>
					rows.map((li) => [
						li.querySelector('.text')?.textContent,
						li.querySelector('svg[data-shape]')?.getAttribute('data-shape')
					])
				);
			const byLabel = Object.fromEntries(bars);
			w.labels.forEach((label, i) => expect(byLabel[label], label).toBe(onBallot[i]));
			await saveScreen(page, 'results-single-360');

			// The projector, with the vote on its stage: the same shape beside the same option.
			const agenda = await w.facilitator.client.json(`/api/workshops/${w.workshop.id}/agenda`, {
				method: 'PUT',
				json: [
					{
						title: 'Choix du thème',
						kind: 'vote',
						durationSeconds: 600,
						linked: { type: 'poll', id: w.polls.single }
					}
				]
			});
			expect(agenda.status).toBe(200);
			const screen = await env.withSession(
				await env.browser.newContext({
					baseURL: env.server.url,
					viewport: { width: 1280, height: 720 },
					locale: 'fr-FR'
				}),
				w.facilitator.client
			);
			try {
				const projector = await screen.newPage();
				await projector.goto(`/w/${w.workshop.code}/ecran`);
				const stage = projector.getByTestId('screen-poll');
				await stage.getByTestId('poll-bars').waitFor();
				const onScreen = await stage
					.locator('li')
					.evaluateAll((rows) =>
						rows.map((li) => [
							li.querySelector('.text')?.textContent,
							li.querySelector('svg[data-shape]')?.getAttribute('data-shape')
						])
					);
				expect(Object.fromEntries(onScreen)).toEqual(byLabel);
				await saveScreen(projector, 'projector-results-1280', false);
			} finally {
				await screen.close();
			}
		} finally {
			await context.close();
		}
	});
});
