// What a phone downloads on a cold first load of one page: bytes on the wire (headers included)
// of every HTTP response and WebSocket frame received until the page is ready, counted from
// Chromium's CDP Network events, as the production build serves them. Shared by the page-weight
// test (budgets) and bench/page-weight.ts (figures for docs/performance.md).
import type { Browser, Page } from 'playwright-core';

export type WeightKind = 'html' | 'css' | 'js' | 'data' | 'other';
const KIND_OF: Record<string, WeightKind> = {
	Document: 'html',
	Stylesheet: 'css',
	Script: 'js',
	Fetch: 'data',
	XHR: 'data'
};

export interface PageWeight {
	bytes: Record<WeightKind, number>;
	total: number;
	files: Array<{ url: string; kind: WeightKind; bytes: number }>;
}

/**
 * One cold load in a fresh 360 px phone context. `ready` says when the page is live (e.g. its
 * socket greeted it); the count goes on until the network is idle after that.
 */
export async function measurePageWeight(
	browser: Browser,
	options: {
		base: string;
		pathname: string;
		/** The session cookie's value, or none for a visitor. */
		token?: string;
		/** Accept-Encoding asked for (default gzip only: the budgets are gzip figures). */
		encoding?: string;
		ready: (page: Page) => Promise<unknown>;
	}
): Promise<PageWeight> {
	const { base, pathname, token, encoding = 'gzip', ready } = options;
	const context = await browser.newContext({
		baseURL: base,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		locale: 'fr-FR'
	});
	try {
		if (token) await context.addCookies([{ name: 'palabre_session', value: token, url: base }]);
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } });
		const kinds = new Map<string, WeightKind>();
		const urls = new Map<string, string>();
		const bytes: Record<WeightKind, number> = { html: 0, css: 0, js: 0, data: 0, other: 0 };
		const files: PageWeight['files'] = [];
		cdp.on('Network.responseReceived', (e) => {
			kinds.set(e.requestId, KIND_OF[e.type] ?? 'other');
			urls.set(e.requestId, e.response.url);
		});
		// Socket.io frames (WebSocket first, or after the upgrade) are data too.
		cdp.on('Network.webSocketFrameReceived', (e) => {
			const size = e.response.payloadData.length + 2;
			bytes.data += size;
			files.push({ url: 'websocket frame', kind: 'data', bytes: size });
		});
		cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
			const size = (e.response.headersText ?? '').length;
			bytes.data += size;
			files.push({ url: 'websocket handshake', kind: 'data', bytes: size });
		});
		cdp.on('Network.loadingFinished', (e) => {
			const kind = kinds.get(e.requestId) ?? 'other';
			bytes[kind] += e.encodedDataLength;
			files.push({ url: urls.get(e.requestId) ?? '?', kind, bytes: e.encodedDataLength });
		});
		await page.goto(pathname, { waitUntil: 'networkidle' });
		await ready(page);
		await page.waitForLoadState('networkidle');
		const total = Object.values(bytes).reduce((a, b) => a + b, 0);
		return { bytes, total, files: files.sort((a, b) => b.bytes - a.bytes) };
	} finally {
		await context.close();
	}
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
