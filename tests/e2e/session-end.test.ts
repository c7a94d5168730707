// Signing out in one tab ends the live connection of the workshop page open in another: the page
// says why, in French, instead of "reconnecting" forever.
import { describe, expect, it } from 'vitest';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { e2eEnvironment, hydrated, phoneContext } from './browser';

const env = e2eEnvironment();
const shots = process.env.E2E_SCREENSHOTS;

describe('a session ended elsewhere', () => {
	it('the open workshop page shows the translated reason once the server closes its socket', async () => {
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
			await page.goto(`/w/${workshop.code}`);
			await hydrated(page);
			await expect.poll(() => page.getByTestId('live-status').textContent()).toContain('En ligne');

			// Another tab of the same browser signs out.
			const other = await context.newPage();
			await other.goto('/');
			expect(
				await other.evaluate(() =>
					fetch('/api/session', { method: 'DELETE' }).then((r) => r.status)
				)
			).toBe(204);

			const notice = page.getByTestId('session-ended');
			await notice.waitFor();
			expect(await notice.textContent()).toBe(
				'Cette session a été fermée par une déconnexion. Reconnectez-vous pour continuer.'
			);
			if (shots) await page.screenshot({ path: `${shots}/session-ended-${viewport.name}.png` });
			await context.close();
			// The next round signs in again (the cookie above is gone for good).
			const again = await facilitator.client.request('/api/session', {
				method: 'POST',
				json: { email: facilitator.email, password: facilitator.password }
			});
			expect(again.status).toBe(200);
		}
	});
});
