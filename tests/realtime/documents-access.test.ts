import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients, documentText, typeParagraph } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { observerOf, workshopWithCharter } from './documents-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

const serverText = async (server: RunningServer, id: string) =>
	documentText(await server.app.liveDocuments.getDoc(id));

describe('who may write, as it changes during a workshop', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('merges what a participant typed while disconnected once they are back', async () => {
		const setup = await workshopWithCharter(server);
		const salif = await joinedParticipant(server, setup.workshop.code, 'Salif');
		const s = clients.connect(server.url, setup.documentId, salif.client.cookieHeader);
		await s.synced();
		s.provider.disconnect();
		typeParagraph(s.doc, 'Écrit dans le bus, sans réseau.');
		expect(await serverText(server, setup.documentId)).not.toContain('sans réseau');
		s.provider.connect();
		await waitFor(
			async () => (await serverText(server, setup.documentId)).includes('sans réseau'),
			5_000,
			{ description: 'the offline edit reaching the server' }
		);
	});

	it('lets an observer write once the facilitator grants it, and not after it is withdrawn', async () => {
		const setup = await workshopWithCharter(server);
		const observer = await observerOf(server, setup, 'Maire adjoint');
		const o = clients.connect(server.url, setup.documentId, observer.client.cookieHeader);
		await o.synced();
		await waitFor(() => o.notices.some((n) => n.kind === 'permission-denied'), 5_000);
		const grants = `/api/documents/${setup.documentId}/grants`;
		const granted = await setup.facilitator.client.json(grants, {
			method: 'PUT',
			json: { roles: ['observer'] }
		});
		expect(granted.status).toBe(200);
		await waitFor(() => o.notices.some((n) => n.kind === 'access-granted'), 5_000, {
			description: 'the observer told they may write'
		});
		typeParagraph(o.doc, 'Amendement de la mairie.');
		await waitFor(
			async () => (await serverText(server, setup.documentId)).includes('Amendement de la mairie'),
			5_000
		);

		await setup.facilitator.client.json(grants, { method: 'PUT', json: { roles: [] } });
		await waitFor(() => o.notices.at(-1)?.kind === 'permission-denied', 5_000, {
			description: 'the observer told they read only again'
		});
		const told = o.notices.length;
		typeParagraph(o.doc, 'Ne doit pas passer.');
		await waitFor(() => o.notices.length > told, 5_000, { description: 'the drop notice' });
		expect(await serverText(server, setup.documentId)).not.toContain('Ne doit pas passer');
	});

	it('tells a connected participant at once when they are made an observer', async () => {
		const setup = await workshopWithCharter(server);
		const kadi = await joinedParticipant(server, setup.workshop.code, 'Kadi');
		const k = clients.connect(server.url, setup.documentId, kadi.client.cookieHeader);
		await k.synced();
		const res = await setup.facilitator.client.json(
			`/api/workshops/${setup.workshop.id}/members/${kadi.memberId}`,
			{ method: 'PATCH', json: { role: 'observer' } }
		);
		expect(res.status).toBe(200);
		await waitFor(
			() => k.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'read_only'),
			5_000,
			{ description: 'the demoted participant told' }
		);
	});

	it('closes the connection of a member removed from the workshop (4403)', async () => {
		const setup = await workshopWithCharter(server);
		const ali = await joinedParticipant(server, setup.workshop.code, 'Ali');
		const a = clients.connect(server.url, setup.documentId, ali.client.cookieHeader);
		await a.synced();
		const res = await setup.facilitator.client.request(
			`/api/workshops/${setup.workshop.id}/members/${ali.memberId}`,
			{ method: 'DELETE' }
		);
		expect(res.status).toBe(204);
		await waitFor(() => a.closeCodes.includes(4403), 5_000, { description: 'the 4403 close' });
	});

	it('locks the document linked to a round when that round ends', async () => {
		const setup = await workshopWithCharter(server);
		server.app.events.emit('agenda.roundEnded', {
			workshopId: setup.workshop.id,
			itemId: crypto.randomUUID(),
			effects: { lockDocumentId: setup.documentId }
		});
		await waitFor(
			async () => {
				const res = await setup.facilitator.client.json<{ locked: boolean }>(
					`/api/documents/${setup.documentId}`
				);
				return res.body.locked;
			},
			5_000,
			{ description: 'the round-end lock' }
		);
		const audit = await server.app.audit.list(setup.workshop.id);
		expect(audit.find((e) => e.action === 'document.lock')?.actorUserId ?? null).toBeNull();
	});
});
