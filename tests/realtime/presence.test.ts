import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { connectAs, connected, nextEvent, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';

let server: RunningServer;
const sockets: TestSocket[] = [];
const open = (client: HttpClient) => {
	const socket = connectAs(client);
	sockets.push(socket);
	return socket;
};

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const s of sockets) s.disconnect();
	await server.close();
});

async function membersOf(client: HttpClient, workshopId: string) {
	return (
		await client.json<Array<{ displayName: string; present: boolean }>>(
			`/api/workshops/${workshopId}/members`
		)
	).body;
}

describe('workshop presence over socket.io', () => {
	it('refuses a socket without a session', async () => {
		const socket = open(new HttpClient(server.url));
		await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
	});

	it('shows the facilitator a participant arriving and leaving, live', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const fac = open(facilitator.client);
		await connected(fac);
		const entered = await fac.emitWithAck('workshop:enter', { workshopId: workshop.id });
		expect(entered).toMatchObject({ ok: true, data: { role: 'facilitator' } });

		const participant = await joinedParticipant(server, workshop.code, 'Zeinabou');
		const phone = open(participant.client);
		await connected(phone);
		const changed = nextEvent(fac, 'members:changed');
		expect(await phone.emitWithAck('workshop:enter', { workshopId: workshop.id })).toMatchObject({
			ok: true,
			data: { role: 'participant', displayName: 'Zeinabou' }
		});
		expect(await changed).toEqual({ workshopId: workshop.id });
		expect(await membersOf(facilitator.client, workshop.id)).toContainEqual(
			expect.objectContaining({ displayName: 'Zeinabou', present: true })
		);

		const left = nextEvent(fac, 'members:changed');
		phone.disconnect();
		await left;
		expect(await membersOf(facilitator.client, workshop.id)).toContainEqual(
			expect.objectContaining({ displayName: 'Zeinabou', present: false })
		);
	});

	it('refuses entry to a workshop the session is not a member of, with a translated error', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		const other = await workshopWithFacilitator(server);
		const participant = await joinedParticipant(server, other.workshop.code);
		const phone = open(participant.client);
		await connected(phone);
		const res = await phone.emitWithAck('workshop:enter', { workshopId: workshop.id });
		expect(res).toEqual({
			ok: false,
			error: { code: 'workshop_not_found', message: 'Atelier introuvable.' }
		});
		const bad = await phone.emitWithAck('workshop:enter', { workshopId: 42 as unknown as string });
		expect(bad.ok).toBe(false);
	});

	it('tells a removed participant at once and takes them out of the room', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const participant = await joinedParticipant(server, workshop.code);
		const phone = open(participant.client);
		await connected(phone);
		await phone.emitWithAck('workshop:enter', { workshopId: workshop.id });
		const removed = nextEvent(phone, 'member:removed');
		await facilitator.client.request(
			`/api/workshops/${workshop.id}/members/${participant.memberId}`,
			{
				method: 'DELETE'
			}
		);
		expect(await removed).toEqual({ workshopId: workshop.id });
		const again = await phone.emitWithAck('workshop:enter', { workshopId: workshop.id });
		expect(again.ok).toBe(false);
	});

	it('tells a member their new role', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const participant = await joinedParticipant(server, workshop.code);
		const phone = open(participant.client);
		await connected(phone);
		await phone.emitWithAck('workshop:enter', { workshopId: workshop.id });
		const role = nextEvent(phone, 'member:role');
		await facilitator.client.json(`/api/workshops/${workshop.id}/members/${participant.memberId}`, {
			method: 'PATCH',
			json: { role: 'observer' }
		});
		expect(await role).toEqual({ workshopId: workshop.id, role: 'observer' });
	});

	it('answers clock samples with the server time', async () => {
		const { facilitator } = await workshopWithFacilitator(server);
		const socket = open(facilitator.client);
		await connected(socket);
		const before = Date.now();
		const serverNow = await socket.emitWithAck('time:sync', before);
		expect(serverNow).toBeGreaterThanOrEqual(before);
		expect(serverNow).toBeLessThanOrEqual(Date.now());
	});
});
