// After a deploy that no longer serves this build's protocol, an open page says so on every
// channel's refusal: « Palabre a été mis à jour — recharger la page ». Played here with the
// operator's knob (PALABRE_MIN_CLIENT_PROTOCOL above the built client's version): the page is
// refused at socket.io's handshake, reloads once by itself (nothing was unsent), is refused
// again and then waits with the banner and its button instead of reloading in a loop.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/lib/protocol/version';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';
import { e2eEnvironment, hydrated, phoneContext } from './browser';
import { saveScreen } from './screens';

const env = e2eEnvironment({
	server: () =>
		startTestServer({ env: { PALABRE_MIN_CLIENT_PROTOCOL: String(PROTOCOL_VERSION + 1) } })
});

describe('a page older than the server', () => {
	it('shows the update banner, reloads once by itself, then leaves the reload to the button', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(env.server);
		for (const viewport of [
			{ width: 360, height: 740, name: 'phone' },
			{ width: 1366, height: 768, name: 'laptop' }
		]) {
			const context = await env.withSession(
				await phoneContext(env.browser, env.server.url),
				facilitator.client
			);
			const page = await context.newPage();
			await page.setViewportSize(viewport);
			let loads = 0;
			page.on('load', () => loads++);
			await page.goto(`/w/${workshop.code}`);
			await hydrated(page);

			const banner = page.getByTestId('protocol-banner');
			await banner.waitFor();
			// The automatic reload happened (one more load), and only once.
			await expect.poll(() => loads).toBe(2);
			await hydrated(page);
			await banner.waitFor();
			expect(await banner.getAttribute('data-state')).toBe('client_outdated');
			expect(await banner.getByRole('alert').textContent()).toContain(
				'Palabre a été mis à jour — recharger la page'
			);
			const button = page.getByTestId('protocol-reload');
			expect((await button.textContent())?.trim()).toBe('Recharger la page');
			// The live channel did not connect: the page does not pretend to be online.
			expect(await page.getByTestId('live-status').textContent()).not.toContain('En ligne');
			await saveScreen(page, `protocol-banner-${viewport.name}`, false);

			// The button reloads at once, whatever the guard against loops says.
			await button.click();
			await expect.poll(() => loads).toBe(3);
			await hydrated(page);
			await banner.waitFor();
			await context.close();
		}
	});
});
