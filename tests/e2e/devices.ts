// The room's other screens, at the sizes of the venues we design for: the facilitator's 1366×768
// laptop and a 1280×720 projector (phones are `phoneContext` in browser.ts).
import type { Browser, BrowserContext } from 'playwright-core';

export function facilitatorLaptopContext(
	browser: Browser,
	baseURL: string
): Promise<BrowserContext> {
	return browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
}

export function projectorContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
	return browser.newContext({ baseURL, viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
}
