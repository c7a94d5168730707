// Debian's chromium driven by playwright-core (never a downloaded browser), with the flags this
// closed network needs, and a started server per test file.
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningServer } from '../../server/http-server';
import type { HttpClient } from '../helpers/http-client';
import { startTestServer } from '../helpers/test-server';

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: FLAGS
	});
}

/** A participant's phone: 360 px wide, touch, French. */
export function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
	return browser.newContext({
		baseURL,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true,
		locale: 'fr-FR'
	});
}

export function laptopContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
	return browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
}

/**
 * One server and one chromium for a test file, started before its tests and closed after:
 * `const env = e2eEnvironment();` then `env.server`, `env.browser` inside the tests.
 */
export function e2eEnvironment(options: { server?: () => Promise<RunningServer> } = {}) {
	const state: { server?: RunningServer; browser?: Browser } = {};
	beforeAll(async () => {
		state.server = await (options.server ?? startTestServer)();
		state.browser = await launchChromium();
	});
	afterAll(async () => {
		await state.browser?.close();
		await state.server?.close();
	});
	const started = <T>(value: T | undefined, what: string): T => {
		if (value === undefined) throw new Error(`${what} is not started (use it inside a test)`);
		return value;
	};
	return {
		get server() {
			return started(state.server, 'the server');
		},
		get browser() {
			return started(state.browser, 'chromium');
		},
		/** Hands a signed-in test client's session to a context (sign-in UI is tested elsewhere). */
		async withSession(context: BrowserContext, client: HttpClient) {
			const value = client.cookie('palabre_session');
			if (!value) throw new Error('no session cookie');
			await context.addCookies([{ name: 'palabre_session', value, url: this.server.url }]);
			return context;
		}
	};
}

/** Waits until the page is hydrated (the root layout marks `<html data-hydrated>`). */
export async function hydrated(page: Page): Promise<void> {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}
