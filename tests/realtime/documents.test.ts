import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadKitHandler, startServer, type RunningServer } from '../../server/http-server';
import { parseConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/client';
import { joinedParticipant, signedInAccount } from '../helpers/fixtures';
import {
	createCollabClients,
	documentText,
	typeParagraph,
	upgradeStatus
} from '../helpers/collab-client';
import { createTestDatabase, migrationsDir } from '../helpers/test-database';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { observerOf, workshopWithCharter } from './documents-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

const live = (server: RunningServer, id: string) => server.app.liveDocuments.getDoc(id);
/** The server's copy of the text (what the database will hold). */
const serverText = documentText;

describe('co-editing a charter over /collab', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('two participants see the French template and each other’s paragraphs', async () => {
		const setup = await workshopWithCharter(server);
		const [amina, issa] = await Promise.all(
			['Amina', 'Issa'].map((name) => joinedParticipant(server, setup.workshop.code, name))
		);
		const a = clients.connect(server.url, setup.documentId, amina.client.cookieHeader);
		const b = clients.connect(server.url, setup.documentId, issa.client.cookieHeader);
		await Promise.all([a.synced(), b.synced()]);
		expect(documentText(a.doc)).toContain('Préambule');
		expect(documentText(a.doc)).toContain('Article 1 — Objet de la charte');

		typeParagraph(a.doc, 'Amina propose un article sur l’eau.');
		typeParagraph(b.doc, 'Issa propose un article sur les marchés.');
		await waitFor(
			() =>
				documentText(a.doc) === documentText(b.doc) &&
				documentText(a.doc).includes('l’eau') &&
				documentText(a.doc).includes('marchés'),
			5_000,
			{ description: 'both replicas converging' }
		);
		expect(serverText(await live(server, setup.documentId))).toBe(documentText(a.doc));
	});

	it('drops an observer’s update, tells them why, and leaves the document unchanged', async () => {
		const setup = await workshopWithCharter(server);
		const observer = await observerOf(server, setup);
		const before = serverText(await live(server, setup.documentId));
		const o = clients.connect(server.url, setup.documentId, observer.client.cookieHeader);
		await o.synced();
		await waitFor(() => o.notices.some((n) => n.kind === 'permission-denied'), 5_000, {
			description: 'the read-only notice on join'
		});
		const told = o.notices.length;
		typeParagraph(o.doc, 'Le projecteur ne doit pas écrire.');
		await waitFor(() => o.notices.length > told, 5_000, { description: 'the drop notice' });
		expect(o.notices.at(-1)).toEqual({ kind: 'permission-denied', reason: 'read_only' });
		expect(serverText(await live(server, setup.documentId))).toBe(before);
	});

	it('locking turns a connected participant read-only at once; unlocking merges what they typed', async () => {
		const setup = await workshopWithCharter(server);
		const moussa = await joinedParticipant(server, setup.workshop.code, 'Moussa');
		const p = clients.connect(server.url, setup.documentId, moussa.client.cookieHeader);
		await p.synced();

		const locked = await setup.facilitator.client.json<{ locked: boolean }>(
			`/api/documents/${setup.documentId}/lock`,
			{ method: 'POST' }
		);
		expect(locked.body.locked).toBe(true);
		await waitFor(
			() => p.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'locked'),
			5_000,
			{ description: 'the participant told the document is locked' }
		);
		const told = p.notices.length;
		typeParagraph(p.doc, 'Écrit pendant le verrou.');
		await waitFor(() => p.notices.length > told, 5_000, { description: 'the drop notice' });
		expect(serverText(await live(server, setup.documentId))).not.toContain('pendant le verrou');
		const forbidden = await moussa.client.json(`/api/documents/${setup.documentId}/unlock`, {
			method: 'POST'
		});
		expect(forbidden.status).toBe(403);

		await setup.facilitator.client.json(`/api/documents/${setup.documentId}/unlock`, {
			method: 'POST'
		});
		await waitFor(() => p.notices.some((n) => n.kind === 'access-granted'), 5_000, {
			description: 'the participant told they may write again'
		});
		await waitFor(
			async () => serverText(await live(server, setup.documentId)).includes('pendant le verrou'),
			5_000,
			{ description: 'the refused edit merged after unlocking' }
		);
		const actions = (await server.app.audit.list(setup.workshop.id)).map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['document.lock', 'document.unlock']));
	});

	it('refuses the upgrade before any socket: 401 signed out, 404 for a non-member as for an unknown document', async () => {
		const setup = await workshopWithCharter(server);
		const outsider = await signedInAccount(server, 'Personne Extérieure');
		const path = `/collab/${setup.documentId}`;
		expect(await upgradeStatus(server.url, path)).toBe(401);
		// Same answer as the HTTP API: the outsider cannot tell that the document exists.
		expect(await upgradeStatus(server.url, path, outsider.client.cookieHeader)).toBe(404);
		expect(
			await upgradeStatus(
				server.url,
				`/collab/${crypto.randomUUID()}`,
				outsider.client.cookieHeader
			)
		).toBe(404);
		expect(await upgradeStatus(server.url, path, setup.facilitator.client.cookieHeader)).toBe(101);
	});

	it('lets only facilitators create documents, and lists them to every member', async () => {
		const setup = await workshopWithCharter(server, false);
		const member = await joinedParticipant(server, setup.workshop.code);
		const refused = await member.client.json(`/api/workshops/${setup.workshop.id}/documents`, {
			method: 'POST',
			json: { kind: 'notes', title: 'Mes notes' }
		});
		expect(refused.status).toBe(403);
		const invalid = await setup.facilitator.client.json<{ error: { field: string } }>(
			`/api/workshops/${setup.workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'roman', title: 'x' } }
		);
		expect(invalid.status).toBe(400);
		expect(invalid.body.error.field).toBe('kind');
		const list = await member.client.json<Array<{ id: string; kind: string }>>(
			`/api/workshops/${setup.workshop.id}/documents`
		);
		expect(list.body).toEqual([expect.objectContaining({ id: setup.documentId, kind: 'charter' })]);
	});
});

describe('documents across a server restart', () => {
	let database: DatabaseHandle;
	const running: RunningServer[] = [];
	const config = {
		...parseConfig({ PORT: '0', HOST: '127.0.0.1' }),
		migrationsDir,
		databaseUrl: undefined
	};
	const start = async () => {
		const server = await startServer(config, { database, kitHandler: await loadKitHandler() });
		running.push(server);
		return server;
	};
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		for (const server of running) await server.close();
		await database.close();
	});

	it('keeps every edit the server received, and the lock, after a restart', async () => {
		const first = await start();
		const setup = await workshopWithCharter(first);
		const amina = await joinedParticipant(first, setup.workshop.code, 'Amina');
		const a = clients.connect(first.url, setup.documentId, amina.client.cookieHeader);
		await a.synced();
		typeParagraph(a.doc, 'Texte à ne jamais perdre.');
		await waitFor(
			async () => serverText(await live(first, setup.documentId)).includes('jamais perdre'),
			5_000,
			{ description: 'the server receiving the edit' }
		);
		await setup.facilitator.client.json(`/api/documents/${setup.documentId}/lock`, {
			method: 'POST'
		});
		a.destroy();
		await first.close();

		const second = await start();
		const b = clients.connect(second.url, setup.documentId, amina.client.cookieHeader);
		await b.synced();
		expect(documentText(b.doc)).toContain('Texte à ne jamais perdre.');
		expect(documentText(b.doc)).toContain('Article 1 — Objet de la charte');
		await waitFor(
			() => b.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'locked'),
			5_000,
			{ description: 'the lock surviving the restart' }
		);
	});
});
