import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { planWorkshop } from '../integration/plan-review-fixtures';
import { planReviews, planSubmissions } from '../../src/lib/server/db/schema';
import { e2eEnvironment, hydrated, phoneContext } from './browser';

const env = e2eEnvironment();

async function shot(page: Page, name: string) {
	const dir = process.env.SCREENSHOTS_DIR;
	if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

function laptop(): Promise<BrowserContext> {
	return env.browser.newContext({
		baseURL: env.server.url,
		viewport: { width: 1366, height: 768 },
		locale: 'fr-FR',
		acceptDownloads: true
	});
}

/** Opens an export menu and downloads each of its files; returns the files' names. */
async function downloadAll(page: Page, testid: string): Promise<string[]> {
	const menu = page.getByTestId(testid);
	const links = menu.locator('a[download]');
	const names: string[] = [];
	const count = await links.count();
	for (let i = 0; i < count; i++) {
		await menu.locator('summary').click();
		await expect.poll(() => links.nth(i).isVisible()).toBe(true);
		const [download] = await Promise.all([page.waitForEvent('download'), links.nth(i).click()]);
		expect(await download.failure()).toBeNull();
		names.push(download.suggestedFilename());
	}
	return names;
}

/** Records an approval of the live plan, as the review service does (the review UI is tested in plan-review). */
async function approve(setup: Awaited<ReturnType<typeof planWorkshop>>) {
	const version = await env.server.app.documentContent.saveVersion(
		setup.facilitator.user,
		setup.documentId,
		{ name: 'Soumission 1' }
	);
	const db = env.server.app.database.db;
	const [submission] = await db
		.insert(planSubmissions)
		.values({
			documentId: setup.documentId,
			versionId: version.id,
			hash: version.hash,
			status: 'approved',
			submittedBy: setup.facilitator.user.id,
			decidedAt: new Date()
		})
		.returning();
	await db.insert(planReviews).values({
		submissionId: submission.id,
		documentId: setup.documentId,
		hash: version.hash,
		reviewerUserId: setup.facilitator.user.id,
		decision: 'approve',
		signatoryName: 'Moussa Ibrahim',
		signatoryTitle: 'Maire de Maradi I'
	});
}

describe('export menus of an action plan', () => {
	it('download the plan as PDF, DOCX, CSV and JSON from the plan, review and public pages', async () => {
		const setup = await planWorkshop(env.server);
		await approve(setup);
		const context = await env.withSession(await laptop(), setup.facilitator.client);
		const page = await context.newPage();
		const formats = /\.(pdf|docx|csv|json)$/;

		await page.goto(`/w/${setup.workshop.code}/plans/${setup.documentId}`);
		await hydrated(page);
		const fromPlan = await downloadAll(page, 'plan-export');
		expect(fromPlan.map((name) => name.match(formats)?.[1])).toEqual([
			'pdf',
			'docx',
			'csv',
			'json'
		]);

		await page.goto(`/w/${setup.workshop.code}/plans/${setup.documentId}/revue`);
		await hydrated(page);
		await page.getByTestId('plan-export').locator('summary').click();
		await shot(page, 'review-1366-export-open');
		await page.keyboard.press('Escape');
		// The live plan and the approved version: four files each.
		const fromReview = await downloadAll(page, 'plan-export');
		expect(fromReview.map((name) => name.match(formats)?.[1])).toEqual([
			'pdf',
			'docx',
			'csv',
			'json',
			'pdf',
			'docx',
			'csv',
			'json'
		]);

		// Anyone, without an account, on a phone: the approved plan and the follow-up data.
		const visitor = await phoneContext(env.browser, env.server.url);
		const phone = await visitor.newPage();
		await phone.goto(`/suivi/${setup.documentId}`);
		await hydrated(phone);
		const fromPublic = await downloadAll(phone, 'plan-export');
		expect(fromPublic.slice(0, 4).map((name) => name.match(formats)?.[1])).toEqual([
			'pdf',
			'docx',
			'csv',
			'json'
		]);
		expect(fromPublic).toHaveLength(6);
		await phone.getByTestId('plan-export').locator('summary').click();
		await shot(phone, 'suivi-360-export-open');
		await visitor.close();
		await context.close();
	});
});

describe('the idea wall', () => {
	it('stacks a merged card under the card it was merged into, not crossed out in place', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'idea_wall', title: 'Mur : propreté du quartier' } }
		);
		expect(created.status).toBe(201);
		const context = await env.withSession(await laptop(), facilitator.client);
		const page = await context.newPage();
		await page.goto(`/w/${workshop.code}/mur/${created.body.id}`);
		await hydrated(page);
		const board = page.getByTestId('wall-board');
		for (const text of ['Des poubelles au marché', 'Curer les caniveaux', 'Plus de poubelles']) {
			await page.getByTestId('wall-post-text').fill(text);
			await page.getByRole('button', { name: 'Afficher au mur' }).click();
			await expect.poll(() => board.textContent()).toContain(text);
		}
		const card = (text: string) =>
			board.getByTestId('wall-card').filter({
				has: page.getByTestId('wall-card-text').getByText(text, { exact: true })
			});
		const source = card('Plus de poubelles');
		await source.locator('summary', { hasText: 'Actions sur la carte' }).click();
		await source.getByLabel('Fusionner avec').selectOption({ label: 'Des poubelles au marché' });
		await source.getByRole('button', { name: 'Fusionner', exact: true }).click();

		// The merged card now sits in its target's group, right under it, indented.
		const group = board
			.getByTestId('wall-card-group')
			.filter({ has: page.getByTestId('wall-merged-stack') });
		await expect.poll(() => group.count()).toBe(1);
		await expect
			.poll(() => group.getByTestId('wall-card-text').allTextContents())
			.toEqual(['Des poubelles au marché', 'Plus de poubelles']);
		const target = await card('Des poubelles au marché').boundingBox();
		const merged = await card('Plus de poubelles').boundingBox();
		const other = await card('Curer les caniveaux').boundingBox();
		expect(merged!.y).toBeGreaterThan(target!.y + target!.height - 1);
		expect(merged!.x).toBeGreaterThan(target!.x);
		expect(other!.y).toBeGreaterThan(merged!.y);
		const decoration = await card('Plus de poubelles')
			.getByTestId('wall-card-text')
			.evaluate((el) => getComputedStyle(el).textDecorationLine);
		expect(decoration).toBe('none');
		await shot(page, 'wall-1366-merged');
		const phone = await env.withSession(
			await phoneContext(env.browser, env.server.url),
			facilitator.client
		);
		const mobile = await phone.newPage();
		await mobile.goto(`/w/${workshop.code}/mur/${created.body.id}`);
		// The board arrives over the socket after the page: wait for it, then count.
		await mobile.getByTestId('wall-merged-stack').waitFor();
		expect(await mobile.getByTestId('wall-merged-stack').count()).toBe(1);
		await shot(mobile, 'wall-360-merged');
		await phone.close();
		await context.close();
	});
});

describe('the control room’s forms', () => {
	it('copies an invitation link with a confirmation, and folds the new-poll form once the poll exists', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(env.server);
		const context = await env.withSession(await laptop(), facilitator.client);
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: env.server.url
		});
		const page = await context.newPage();
		await page.goto(`/w/${workshop.code}/animation`);
		await hydrated(page);

		// Invitation link: « Copier » puts it on the clipboard and says so (members and invitations
		// are one of the control room's editing panels).
		await page.getByTestId('panel-people').locator('> summary').click();
		await page.getByRole('button', { name: 'Créer le lien' }).click();
		const invite = page.getByTestId('invite-link');
		await expect.poll(() => invite.locator('input').inputValue()).toContain('/invitation/');
		const url = await invite.locator('input').inputValue();
		await invite.getByRole('button', { name: /Copier/ }).click();
		await expect
			.poll(() => invite.getByRole('status').textContent())
			.toBe('Copié dans le presse-papiers');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

		// New poll: the checkboxes sit left of their labels, on the same line.
		await page.getByTestId('panel-votes').locator('> summary').click();
		const control = page.getByTestId('poll-control');
		await control.locator('summary', { hasText: 'Nouveau vote' }).click();
		const form = control.getByTestId('poll-create');
		expect(await form.getByText('Nouveau vote').count()).toBe(0);
		for (const name of ['Scrutin secret', 'Les animateurs et animatrices votent aussi']) {
			const box = await form.getByLabel(name).boundingBox();
			const text = await form.getByText(name, { exact: true }).boundingBox();
			expect(box!.x + box!.width, name).toBeLessThanOrEqual(text!.x);
			expect(Math.abs(box!.y + box!.height / 2 - (text!.y + text!.height / 2)), name).toBeLessThan(
				text!.height / 2
			);
		}
		await shot(page, 'control-1366-new-poll');
		await form.getByLabel('Question').fill('Quel thème pour la conférence ?');
		await form.getByLabel('Options (une par ligne)').fill('Eau\nSanté');
		await form.getByRole('button', { name: 'Créer le vote' }).click();
		await expect.poll(() => control.textContent()).toContain('Quel thème pour la conférence ?');
		await expect.poll(() => form.isVisible()).toBe(false);
		await context.close();
	});
});

describe('the built pages', () => {
	it('carry no emoji in any HTML, JS or CSS file sent to browsers', () => {
		// The production build this suite serves (tests/helpers/global-setup.ts builds it).
		const root = path.resolve(import.meta.dirname, '../../build/client');
		const emoji = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;
		const files = fs
			.readdirSync(root, { recursive: true, encoding: 'utf8' })
			.filter((file) => /\.(js|html|css)$/.test(file));
		expect(files.length).toBeGreaterThan(20);
		const found = files.filter((file) =>
			emoji.test(fs.readFileSync(path.join(root, file), 'utf8'))
		);
		expect(found).toEqual([]);
	});
});
