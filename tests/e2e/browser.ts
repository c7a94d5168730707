// Debian's chromium driven by playwright-core (never a downloaded browser), with the flags this
// closed network needs, and a started server per test file.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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
