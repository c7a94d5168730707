import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { loadKitHandler, startServer, type RunningServer } from '../../server/http-server';
import type { AgendaView } from '../../src/lib/domain/agenda';
import type { AgendaState } from '../../src/lib/protocol/events';
import { parseConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/client';
import { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import {
	connectAs,
	connected,
	nextEvent,
	type TestSocket,
	CURRENT_AUTH
} from '../helpers/socket-client';
import { createTestDatabase, migrationsDir } from '../helpers/test-database';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const rounds = [
	{ title: 'Accueil', kind: 'presentation', durationSeconds: 600 },
	{ title: 'Idéation en tables', kind: 'ideation', durationSeconds: 900 }
];

const sockets: TestSocket[] = [];
function open(socket: TestSocket) {
	sockets.push(socket);
	return socket;
}
afterEach(() => {
	for (const s of sockets.splice(0)) s.disconnect();
});

/** A socket that records every `agenda:state` it receives, entered into the workshop. */
async function follower(socket: TestSocket, workshopId: string) {
	const states: AgendaState[] = [];
	socket.on('agenda:state', (state) => states.push(state));
	await connected(socket);
	const entered = await socket.emitWithAck('workshop:enter', { workshopId });
	expect(entered.ok).toBe(true);
	await waitFor(() => states.length > 0, 5_000, { description: 'the state sent on entry' });
	return states;
}

async function putAgenda(client: HttpClient, workshopId: string, body: unknown) {
	const res = await client.json(`/api/workshops/${workshopId}/agenda`, {
		method: 'PUT',
		json: body
	});
	expect(res.status).toBe(200);
}

describe('agenda run mode over socket.io', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('sends the current round on entry and every participant follows "next"', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		await putAgenda(facilitator.client, workshop.id, rounds);
		const fac = open(connectAs(facilitator.client));
		await follower(fac, workshop.id);
		const phones = await Promise.all(
			['Zeinabou', 'Ibrahim'].map(async (name) => {
				const participant = await joinedParticipant(server, workshop.code, name);
				return follower(open(connectAs(participant.client)), workshop.id);
			})
		);
		for (const states of phones) {
			expect(states[0]).toMatchObject({
				workshopId: workshop.id,
				current: { index: 0, state: 'idle' }
			});
			expect(states[0]!.items.map((i) => i.title)).toEqual(['Accueil', 'Idéation en tables']);
		}

		const ack = await fac.emitWithAck('agenda:command', {
			workshopId: workshop.id,
			command: 'next'
		});
		expect(ack).toMatchObject({ ok: true, data: { current: { index: 1, state: 'idle' } } });
		for (const states of phones) {
			const followed = await waitFor(() => states.find((s) => s.current?.index === 1), 5_000, {
				description: 'the phone follows to round 2'
			});
			expect(followed.items[1]!.title).toBe('Idéation en tables');
		}
	});

	it('refuses a participant’s run command with a translated forbidden', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		await putAgenda(facilitator.client, workshop.id, rounds);
		const participant = await joinedParticipant(server, workshop.code);
		const phone = open(connectAs(participant.client));
		await follower(phone, workshop.id);
		const res = await phone.emitWithAck('agenda:command', {
			workshopId: workshop.id,
			command: 'start'
		});
		expect(res).toEqual({
			ok: false,
			error: { code: 'forbidden', message: expect.any(String) }
		});
		const state = await facilitator.client.json<AgendaView>(`/api/workshops/${workshop.id}/agenda`);
		expect(state.body.current).toEqual({ index: 0, state: 'idle' });
	});

	it('ends a running round on the server when its time is up, and tells everyone', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		await putAgenda(facilitator.client, workshop.id, [
			{ title: 'Minute de silence', kind: 'break', durationSeconds: 1 }
		]);
		const participant = await joinedParticipant(server, workshop.code);
		const states = await follower(open(connectAs(participant.client)), workshop.id);
		const ended: string[] = [];
		server.app.events.on('agenda.roundEnded', (e) => {
			if (e.workshopId === workshop.id) ended.push(e.itemId);
		});

		const fac = open(connectAs(facilitator.client));
		await connected(fac);
		const started = nextEvent(fac, 'agenda:state');
		await fac.emitWithAck('workshop:enter', { workshopId: workshop.id });
		await started;
		const ack = await fac.emitWithAck('agenda:command', {
			workshopId: workshop.id,
			command: 'start'
		});
		expect(ack).toMatchObject({ ok: true, data: { current: { state: 'running' } } });
		const endsAt = ack.ok ? ack.data.current!.endsAt! : 0;

		const done = await waitFor(() => states.find((s) => s.current?.state === 'done'), 5_000, {
			description: 'the round ends by itself'
		});
		expect(done.serverNow).toBeGreaterThanOrEqual(endsAt);
		// Between the start and the bell the server sent nothing: clients count down themselves.
		expect(states.map((s) => s.current?.state)).toEqual(['idle', 'running', 'done']);
		expect(ended).toHaveLength(1);
		const actions = (await server.app.audit.list(workshop.id)).map((e) => e.action);
		expect(actions).toContain('agenda.round_end');
	});
});

describe('agenda clocks across a server restart', () => {
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
	/** The same browser (its session cookie) talking to another server instance. */
	const get = (server: RunningServer, cookie: string, workshopId: string) =>
		new HttpClient(server.url).json<AgendaView>(`/api/workshops/${workshopId}/agenda`, {
			headers: { cookie }
		});

	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		for (const server of running) await server.close();
		await database.close();
	});

	it('keeps a running timer’s end time: GET and sockets show the same endsAt after a restart', async () => {
		const first = await start();
		const { workshop, facilitator } = await workshopWithFacilitator(first);
		await putAgenda(facilitator.client, workshop.id, rounds);
		const started = await facilitator.client.json<AgendaView>(
			`/api/workshops/${workshop.id}/agenda/start`,
			{ method: 'POST' }
		);
		const endsAt = started.body.current!.endsAt!;
		expect(endsAt).toBeGreaterThan(Date.now());
		await first.close();

		const second = await start();
		const cookie = facilitator.client.cookieHeader;
		const after = await get(second, cookie, workshop.id);
		expect(after.status).toBe(200);
		expect(after.body.current).toMatchObject({ index: 0, state: 'running', endsAt });

		const socket = open(
			io(second.url, {
				path: '/socket.io',
				auth: CURRENT_AUTH,
				transports: ['websocket'],
				extraHeaders: { cookie },
				reconnection: false,
				forceNew: true
			})
		);
		const states = await follower(socket, workshop.id);
		expect(states[0]!.current).toMatchObject({ state: 'running', endsAt });
	});

	it('rings a round that ended while the server was down as soon as it is back', async () => {
		const first = await start();
		const { workshop, facilitator } = await workshopWithFacilitator(first);
		await putAgenda(facilitator.client, workshop.id, [
			{ title: 'Tour de table éclair', kind: 'discussion', durationSeconds: 1 }
		]);
		const started = await facilitator.client.json<AgendaView>(
			`/api/workshops/${workshop.id}/agenda/start`,
			{ method: 'POST' }
		);
		const endsAt = started.body.current!.endsAt!;
		await first.close();
		await waitFor(() => Date.now() > endsAt, 5_000, { description: 'the round’s end passing' });

		const second = await start();
		const cookie = facilitator.client.cookieHeader;
		const settled = await waitFor(
			async () => {
				const res = await get(second, cookie, workshop.id);
				return res.body.current?.state === 'done' ? res.body : null;
			},
			5_000,
			{ description: 'the restarted server settling the round' }
		);
		expect(settled.current).toEqual({ index: 0, state: 'done' });
	});
});
