// The report button of the control view: one click downloads the workshop's minutes as a PDF.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { pdfText } from '../helpers/file-text';
import { e2eEnvironment, laptopContext } from './browser';

const env = e2eEnvironment();

describe('the workshop report from the control view', () => {
	it('downloads the procès-verbal PDF in one click', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const put = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [{ title: 'Accueil des participants', kind: 'presentation', durationSeconds: 600 }]
		});
		expect(put.status).toBe(200);

		const context = await laptopContext(env.browser, env.server.url);
		const session = facilitator.client.cookie('palabre_session');
		if (!session) throw new Error('no session cookie');
		await context.addCookies([{ name: 'palabre_session', value: session, url: env.server.url }]);
		const page = await context.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		// The report is one of the control room's editing panels, closed until opened.
		await page.getByTestId('panel-report').locator('> summary').click();

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('report-pdf').click()
		]);
		expect(download.suggestedFilename()).toMatch(/^proces-verbal-.*\.pdf$/);
		const path = await download.path();
		const text = pdfText(await readFile(path));
		expect(text).toContain('Procès-verbal — Collaborathon de Maradi');
		expect(text).toContain('Accueil des participants');
		await context.close();
	});
});
