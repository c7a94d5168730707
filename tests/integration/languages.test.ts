// Hausa, Wolof and Zarma beside French and English: the language a participant chooses at join
// is theirs in the workshop (members.locale) and in the pages (the cookie), changed on /langue;
// the browser's language picks it first; a partial language says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/http-server';
import { startTestServer } from '../helpers/test-server';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { HttpClient } from '../helpers/http-client';
import { translate } from '../../src/lib/server/i18n';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

async function localeOf(displayName: string): Promise<string | undefined> {
	const result = (await server.app.database.db.execute(
		sql`select locale from members where display_name = ${displayName}`
	)) as unknown as { rows?: { locale: string }[] } & { locale: string }[];
	return (result.rows ?? result)[0]?.locale;
}

const form = (fields: Record<string, string>) => ({
	method: 'POST',
	// A browser's form post without JavaScript (SvelteKit answers JSON to scripts).
	headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
	body: new URLSearchParams(fields).toString()
});

/** The text as the page writes it (HTML-escaped apostrophes and quotes). */
const inPage = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

describe('languages', () => {
	it('serves the join page in Hausa to a browser asking for Hausa, with Hausa preselected', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		const res = await new HttpClient(server.url).request(`/j/${workshop.code}`, {
			headers: { 'accept-language': 'ha-NG,ha;q=0.9,fr;q=0.5' }
		});
		const html = await res.text();
		expect(html).toContain('<html lang="ha"');
		expect(html).toContain(inPage(translate('join_submit', 'ha')));
		expect(html).toMatch(/<option value="ha" lang="ha" selected[^>]*>Hausa<\/option>/);
		expect(html).toContain('>Zarmaciine</option>');
	});

	it('keeps the language chosen at join for the member and the pages', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		const phone = new HttpClient(server.url);
		const res = await phone.request(
			`/j/${workshop.code}`,
			form({ displayName: 'Hadiza Join', locale: 'ha' })
		);
		expect(res.status).toBe(303);
		expect(phone.cookie('palabre_lang')).toBe('ha');
		expect(await localeOf('Hadiza Join')).toBe('ha');
		const hub = await (await phone.request(`/w/${workshop.code}`)).text();
		expect(hub).toContain('<html lang="ha"');
	});

	it('serves several languages in one workshop, each member their own', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		for (const [name, locale] of [
			['Awa Wolof', 'wo'],
			['Issa Zarma', 'dje'],
			['Ada English', 'en']
		]) {
			const res = await new HttpClient(server.url).json('/api/join', {
				method: 'POST',
				json: { code: workshop.code, displayName: name, locale }
			});
			expect(res.status).toBe(201);
			expect(await localeOf(name)).toBe(locale);
		}
		// No language given: French, the base.
		await new HttpClient(server.url).json('/api/join', {
			method: 'POST',
			json: { code: workshop.code, displayName: 'Moussa Base' }
		});
		expect(await localeOf('Moussa Base')).toBe('fr');
		// No language given by a client whose browser asks for Zarma: the request's language.
		await new HttpClient(server.url).json('/api/join', {
			method: 'POST',
			headers: { 'accept-language': 'dje' },
			json: { code: workshop.code, displayName: 'Hawa Header' }
		});
		expect(await localeOf('Hawa Header')).toBe('dje');
	});

	it('changes a member’s language on /langue, and refuses nothing it does not know', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		const phone = new HttpClient(server.url);
		await phone.request(`/j/${workshop.code}`, form({ displayName: 'Fatou Change', locale: 'fr' }));
		const res = await phone.request('/langue', form({ locale: 'wo', back: `/w/${workshop.code}` }));
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/w/${workshop.code}`);
		expect(phone.cookie('palabre_lang')).toBe('wo');
		expect(await localeOf('Fatou Change')).toBe('wo');
		await phone.request('/langue', form({ locale: 'xx', back: '//evil.example' }));
		expect(phone.cookie('palabre_lang')).toBe('fr');
	});

	it('shows each language’s coverage on /langue and a partial-translation notice in Hausa', async () => {
		const phone = new HttpClient(server.url);
		await phone.request('/langue', form({ locale: 'ha' }));
		const page = await (await phone.request('/langue')).text();
		for (const name of ['Français', 'English', 'Hausa', 'Wolof', 'Zarmaciine'])
			expect(page).toContain(name);
		expect(page).toContain(inPage(translate('lang_status_needs_review', 'ha')));
		expect(page).toContain(inPage(translate('lang_coverage', 'ha', { percent: 100 })));
		expect(page).toContain(inPage(translate('lang_partial_notice', 'ha')));
		const french = await (await new HttpClient(server.url).request('/')).text();
		expect(french).not.toContain(inPage(translate('lang_partial_notice', 'fr')));
	});
});
