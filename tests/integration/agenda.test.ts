import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { AgendaView } from '../../src/lib/domain/agenda';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

type ErrorBody = { error: { code: string; message: string; field?: string } };

const twoRounds = [
	{
		title: 'Diagnostic partagé',
		kind: 'discussion',
		durationSeconds: 600,
		instructions: 'Par table'
	},
	{ title: 'Vote des priorités', kind: 'vote', durationSeconds: 300 }
];

function put(client: HttpClient, workshopId: string, body: unknown) {
	return client.json<AgendaView & ErrorBody>(`/api/workshops/${workshopId}/agenda`, {
		method: 'PUT',
		json: body
	});
}

function run(client: HttpClient, workshopId: string, command: string, body?: unknown) {
	return client.json<AgendaView & ErrorBody>(`/api/workshops/${workshopId}/agenda/${command}`, {
		method: 'POST',
		...(body === undefined ? {} : { json: body })
	});
}

async function read(client: HttpClient, workshopId: string) {
	const res = await client.json<AgendaView>(`/api/workshops/${workshopId}/agenda`);
	expect(res.status).toBe(200);
	return res.body;
}

/** Runs a command and returns its view with the server's clock bounded by the request's span. */
async function timed(client: HttpClient, workshopId: string, command: string, body?: unknown) {
	const before = Date.now();
	const res = await run(client, workshopId, command, body);
	const after = Date.now();
	expect(res.status, JSON.stringify(res.body)).toBe(200);
	return { view: res.body, before, after };
}

describe('the agenda JSON API', () => {
	it('returns an empty agenda, then the rounds a facilitator puts, idle on the first one', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		expect(await read(facilitator.client, workshop.id)).toEqual({
			items: [],
			current: null,
			serverNow: expect.any(Number)
		});
		const res = await put(facilitator.client, workshop.id, twoRounds);
		expect(res.status).toBe(200);
		const view = await read(facilitator.client, workshop.id);
		expect(view.items).toEqual([
			{ id: expect.any(String), ...twoRounds[0] },
			{ id: expect.any(String), ...twoRounds[1] }
		]);
		expect(view.current).toEqual({ index: 0, state: 'idle' });
	});

	it('names the offending field when a PUT is invalid', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const cases: Array<[unknown, string]> = [
			[[{ ...twoRounds[0], title: '  ' }], '0.title'],
			[[twoRounds[0], { ...twoRounds[1], kind: 'sieste' }], '1.kind'],
			[[{ ...twoRounds[0], durationSeconds: 0 }], '0.durationSeconds'],
			[[{ ...twoRounds[0], onEnd: { lockDocument: true } }], '0.onEnd.lockDocument'],
			[{ items: twoRounds }, 'body']
		];
		for (const [body, field] of cases) {
			const res = await put(facilitator.client, workshop.id, body);
			expect(res.status, field).toBe(400);
			expect(res.body.error).toMatchObject({ code: 'validation', field });
			expect(res.body.error.message).toContain(field);
		}
		expect((await read(facilitator.client, workshop.id)).items).toEqual([]);
	});

	it('lets participants read the agenda but not edit it nor run it', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		await put(facilitator.client, workshop.id, twoRounds);
		const participant = await joinedParticipant(server, workshop.code);
		const view = await read(participant.client, workshop.id);
		expect(view.items.map((i) => i.title)).toEqual(['Diagnostic partagé', 'Vote des priorités']);
		expect((await put(participant.client, workshop.id, [])).status).toBe(403);
		for (const command of ['start', 'pause', 'resume', 'next', 'previous', 'finish']) {
			const res = await run(participant.client, workshop.id, command);
			expect(res.status, command).toBe(403);
			expect(res.body.error.code).toBe('forbidden');
		}
		expect((await run(participant.client, workshop.id, 'extend', { seconds: 60 })).status).toBe(
			403
		);
		expect((await read(facilitator.client, workshop.id)).current).toEqual({
			index: 0,
			state: 'idle'
		});
	});

	it('counts start, pause, extend and resume on the server clock, as GET shows', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		await put(facilitator.client, workshop.id, twoRounds);

		const started = await timed(facilitator.client, workshop.id, 'start');
		const endsAt = started.view.current!.endsAt!;
		expect(endsAt).toBeGreaterThanOrEqual(started.before + 600_000);
		expect(endsAt).toBeLessThanOrEqual(started.after + 600_000);
		const got = await read(facilitator.client, workshop.id);
		expect(got.current).toEqual({
			index: 0,
			state: 'running',
			endsAt,
			remainingMs: endsAt - got.serverNow
		});

		const paused = await timed(facilitator.client, workshop.id, 'pause');
		const left = paused.view.current!.remainingMs!;
		expect(left).toBeLessThanOrEqual(endsAt - paused.before);
		expect(left).toBeGreaterThanOrEqual(endsAt - paused.after);
		// A paused clock is frozen: reading it later gives the same time left.
		expect((await read(facilitator.client, workshop.id)).current).toEqual({
			index: 0,
			state: 'paused',
			remainingMs: left
		});

		await timed(facilitator.client, workshop.id, 'extend', { seconds: 300 });
		expect((await read(facilitator.client, workshop.id)).current).toEqual({
			index: 0,
			state: 'paused',
			remainingMs: left + 300_000
		});

		const resumed = await timed(facilitator.client, workshop.id, 'resume');
		const newEnd = resumed.view.current!.endsAt!;
		expect(newEnd).toBeGreaterThanOrEqual(resumed.before + left + 300_000);
		expect(newEnd).toBeLessThanOrEqual(resumed.after + left + 300_000);

		await timed(facilitator.client, workshop.id, 'extend', { seconds: 60 });
		expect((await read(facilitator.client, workshop.id)).current).toMatchObject({
			state: 'running',
			endsAt: newEnd + 60_000
		});

		const actions = (await server.app.audit.list(workshop.id)).map((e) => e.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'agenda.replace',
				'agenda.start',
				'agenda.pause',
				'agenda.extend',
				'agenda.resume'
			])
		);
	});

	it('moves to the next round idle, finishing the one left behind, and back', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		await put(facilitator.client, workshop.id, twoRounds);
		await timed(facilitator.client, workshop.id, 'start');
		expect((await timed(facilitator.client, workshop.id, 'next')).view.current).toEqual({
			index: 1,
			state: 'idle'
		});
		const last = await run(facilitator.client, workshop.id, 'next');
		expect(last.status).toBe(409);
		expect((await timed(facilitator.client, workshop.id, 'previous')).view.current).toEqual({
			index: 0,
			state: 'idle'
		});
		await timed(facilitator.client, workshop.id, 'finish');
		expect((await read(facilitator.client, workshop.id)).current).toEqual({
			index: 0,
			state: 'done'
		});
	});

	it('refuses commands that do not apply to the clock, and bad extensions', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		expect((await run(facilitator.client, workshop.id, 'start')).status).toBe(409);
		await put(facilitator.client, workshop.id, twoRounds);
		const pause = await run(facilitator.client, workshop.id, 'pause');
		expect(pause.status).toBe(409);
		// The refusal says what is wrong, in the caller's language, not a generic "conflict".
		expect(pause.body.error).toMatchObject({
			code: 'conflict',
			reason: 'timer_not_started',
			message: 'Cette manche n’a pas encore commencé.'
		});
		expect((await run(facilitator.client, workshop.id, 'resume')).status).toBe(409);
		expect((await run(facilitator.client, workshop.id, 'previous')).status).toBe(409);
		const zero = await run(facilitator.client, workshop.id, 'extend', { seconds: 0 });
		expect(zero.status).toBe(400);
		expect(zero.body.error).toMatchObject({ code: 'validation', field: 'seconds' });
		expect((await run(facilitator.client, workshop.id, 'extend')).status).toBe(400);
		expect((await run(facilitator.client, workshop.id, 'rewind')).status).toBe(404);
	});

	it('keeps the running clock on the same round when the facilitator reorders the agenda', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const first = await put(facilitator.client, workshop.id, twoRounds);
		const [a, b] = first.body.items;
		const { view } = await timed(facilitator.client, workshop.id, 'start');
		const reordered = await put(facilitator.client, workshop.id, [
			{ ...twoRounds[1], id: b!.id },
			{ ...twoRounds[0], id: a!.id, title: 'Diagnostic (révisé)' }
		]);
		expect(reordered.status).toBe(200);
		expect(reordered.body.items.map((i) => i.id)).toEqual([b!.id, a!.id]);
		expect(reordered.body.current).toMatchObject({
			index: 1,
			state: 'running',
			endsAt: view.current!.endsAt
		});
	});

	it('applies two "next" pressed at the same time one after the other', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		await put(facilitator.client, workshop.id, [
			...twoRounds,
			{ ...twoRounds[0], title: 'Restitution' }
		]);
		const both = await Promise.all([
			run(facilitator.client, workshop.id, 'next'),
			run(facilitator.client, workshop.id, 'next')
		]);
		expect(both.map((r) => r.status)).toEqual([200, 200]);
		expect((await read(facilitator.client, workshop.id)).current).toEqual({
			index: 2,
			state: 'idle'
		});
	});

	it('hides the agenda from people outside the workshop', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		const outsider = await workshopWithFacilitator(server);
		const res = await outsider.facilitator.client.json(`/api/workshops/${workshop.id}/agenda`);
		expect(res.status).toBe(404);
	});
});
