import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { QueueState, ReactionsState } from '../../src/lib/protocol/facilitation';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import type { HttpClient } from '../helpers/http-client';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

const sockets: TestSocket[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.disconnect();
});

/** A connected socket in the workshop that records every queue and reactions message. */
async function member(client: HttpClient, workshopId: string) {
	const socket = connectAs(client);
	sockets.push(socket);
	const queue: QueueState[] = [];
	const reactions: ReactionsState[] = [];
	socket.on('queue:state', (s) => queue.push(s));
	socket.on('reactions:state', (s) => reactions.push(s));
	await connected(socket);
	expect((await socket.emitWithAck('workshop:enter', { workshopId })).ok).toBe(true);
	await waitFor(() => queue.length > 0, 5_000, { description: 'the queue sent on entry' });
	return { socket, queue, reactions, last: () => queue.at(-1)! };
}

describe('the speaking queue over socket.io', () => {
	it('a raised hand reaches the facilitator, and every phone follows the floor', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const fac = await member(facilitator.client, workshop.id);
		const awa = await member(
			(await joinedParticipant(server, workshop.code, 'Awa')).client,
			workshop.id
		);
		const bala = await member(
			(await joinedParticipant(server, workshop.code, 'Bala')).client,
			workshop.id
		);
		expect(fac.last()).toMatchObject({ workshopId: workshop.id, waiting: [], current: null });

		const raised = await awa.socket.emitWithAck('queue:raise', { workshopId: workshop.id });
		expect(raised.ok).toBe(true);
		await waitFor(() => fac.last().waiting.some((w) => w.displayName === 'Awa'), 5_000, {
			description: "the facilitator sees Awa's hand"
		});
		expect(fac.last().waiting[0]).toMatchObject({ displayName: 'Awa', firstTime: true });
		await waitFor(() => bala.last().waiting.length === 1, 5_000, {
			description: 'the other phone sees the queue'
		});

		const given = await fac.socket.emitWithAck('queue:give_floor', { workshopId: workshop.id });
		expect(given).toMatchObject({ ok: true, data: { current: { displayName: 'Awa' } } });
		for (const phone of [awa, bala]) {
			await waitFor(() => phone.last().current?.displayName === 'Awa', 5_000, {
				description: 'the phones see who has the floor'
			});
		}
		const ended = await fac.socket.emitWithAck('queue:end_turn', { workshopId: workshop.id });
		expect(ended).toMatchObject({ ok: true, data: { current: null } });
		await waitFor(() => bala.last().current === null, 5_000, { description: 'the turn ends' });
	});

	it('a participant cannot give the floor: the ack says forbidden and nothing is broadcast', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const fac = await member(facilitator.client, workshop.id);
		const awa = await member(
			(await joinedParticipant(server, workshop.code, 'Awa')).client,
			workshop.id
		);
		await awa.socket.emitWithAck('queue:raise', { workshopId: workshop.id });
		await waitFor(() => fac.last().waiting.length === 1);
		const before = fac.queue.length;
		const refused = await awa.socket.emitWithAck('queue:give_floor', { workshopId: workshop.id });
		expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		// A later, allowed change arrives alone: the refused one never produced a message.
		await fac.socket.emitWithAck('queue:priority', { workshopId: workshop.id, on: true });
		await waitFor(() => fac.queue.length > before);
		expect(fac.queue.slice(before).map((s) => s.firstTimersFirst)).toEqual([true]);
	});

	it('reactions reach the room anonymously, many of them in few messages', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const fac = await member(facilitator.client, workshop.id);
		const phones = await Promise.all(
			['Awa', 'Bala', 'Coumba', 'Dado'].map(async (name) =>
				member((await joinedParticipant(server, workshop.code, name)).client, workshop.id)
			)
		);
		await Promise.all(
			phones.map((p) =>
				p.socket.emitWithAck('queue:react', { workshopId: workshop.id, reaction: 'thumbs_up' })
			)
		);
		const seen = await waitFor(() => fac.reactions.find((r) => r.recent.length === 4), 5_000, {
			description: 'four thumbs on the facilitator screen'
		});
		expect(seen.recent.every((r) => r.reaction === 'thumbs_up')).toBe(true);
		expect(fac.reactions.length).toBeLessThan(4);
	});

	it('a projector that watches the screen gets the number of people present', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const screen = await member(facilitator.client, workshop.id);
		const counts: number[] = [];
		screen.socket.on('presence:count', (p) => counts.push(p.present));
		const watch = await screen.socket.emitWithAck('screen:watch', { workshopId: workshop.id });
		expect(watch).toMatchObject({ ok: true, data: { present: 1 } });
		const awa = await member(
			(await joinedParticipant(server, workshop.code, 'Awa')).client,
			workshop.id
		);
		await waitFor(() => counts.at(-1) === 2, 5_000, { description: 'the count goes up' });
		awa.socket.disconnect();
		await waitFor(() => counts.at(-1) === 1, 5_000, { description: 'the count goes down' });
	});
});
