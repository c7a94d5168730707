import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { PollResults, PollView } from '../../src/lib/protocol/polls';
import type { HttpClient } from '../helpers/http-client';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { command, openPoll, votingRoom } from '../integration/polls-helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

const sockets: TestSocket[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.disconnect();
});

/** A socket in the workshop that records everything it receives. */
async function watcher(client: HttpClient, workshopId: string) {
	const socket = connectAs(client);
	sockets.push(socket);
	const received: { event: string; payload: unknown }[] = [];
	socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
	await connected(socket);
	const entered = await socket.emitWithAck('workshop:enter', { workshopId });
	expect(entered.ok).toBe(true);
	const states = () =>
		received.filter((r) => r.event === 'poll:state').map((r) => r.payload as PollView);
	const tallies = () =>
		received.filter((r) => r.event === 'poll:tally').map((r) => r.payload as PollResults);
	return { socket, received, states, tallies };
}

describe('live votes over socket.io', () => {
	it('three clients vote through poll:vote and all see the tally when results are live', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 3);
		const fac = await watcher(facilitator.client, workshop.id);
		const phones = await Promise.all(voters.map((v) => watcher(v.client, workshop.id)));
		const poll = await openPoll(facilitator.client, workshop.id, { reveal: 'live' });

		const acks = await Promise.all(
			phones.map((p, i) =>
				p.socket.emitWithAck('poll:vote', {
					pollId: poll.id,
					ballotId: crypto.randomUUID(),
					choice: { optionId: poll.options[i === 2 ? 1 : 0].id }
				})
			)
		);
		expect(acks.map((a) => a.ok && a.data.outcome)).toEqual(['created', 'created', 'created']);

		for (const who of [fac, ...phones]) {
			const last = await waitFor(
				() => who.tallies().find((t) => t.pollId === poll.id && t.totalBallots === 3),
				5_000,
				{ description: 'the tally of three ballots' }
			);
			expect(last.options.map((o) => o.count)).toEqual([2, 1, 0]);
			// A visible tally carries the participation count ("3 / 4") itself: after ballots the
			// server sends it alone, not a `poll:state` beside it.
			expect({ voted: last.totalBallots, eligible: last.eligible }).toEqual({
				voted: 3,
				eligible: 4
			});
			expect(who.states().filter((s) => s.id === poll.id && s.participation.voted > 0)).toEqual([]);
		}
	});

	it('answers a refused ballot with a translated error in the ack', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const phone = await watcher(voters[0].client, workshop.id);
		const poll = await openPoll(facilitator.client, workshop.id);
		await command(facilitator.client, poll.id, 'close');
		const ack = await phone.socket.emitWithAck('poll:vote', {
			pollId: poll.id,
			ballotId: crypto.randomUUID(),
			choice: { optionId: poll.options[0].id }
		});
		expect(ack).toEqual({
			ok: false,
			error: { code: 'poll_closed', reason: 'poll_not_open', message: 'Ce vote n’est pas ouvert.' }
		});
	});

	it('sends no count of an unrevealed poll to anyone, only participation', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 3);
		const fac = await watcher(facilitator.client, workshop.id);
		const phones = await Promise.all(voters.map((v) => watcher(v.client, workshop.id)));
		const poll = await openPoll(facilitator.client, workshop.id, { reveal: 'manual' });
		for (const [i, p] of phones.entries()) {
			const ack = await p.socket.emitWithAck('poll:vote', {
				pollId: poll.id,
				ballotId: crypto.randomUUID(),
				choice: { optionId: poll.options[i % 2].id }
			});
			expect(ack.ok).toBe(true);
		}
		await command(facilitator.client, poll.id, 'close');
		for (const who of [fac, ...phones])
			await waitFor(() => who.states().find((s) => s.id === poll.id && s.status === 'closed'));

		for (const who of [fac, ...phones]) {
			expect(who.tallies()).toEqual([]);
			for (const { payload } of who.received) {
				const text = JSON.stringify(payload);
				expect(text).not.toMatch(/"count"|"counts"|"winner"|"bySource"|"rounds"/);
			}
		}

		// Revealed: now everyone gets the counts.
		await command(facilitator.client, poll.id, 'reveal');
		for (const who of [fac, ...phones]) {
			const tally = await waitFor(() => who.tallies().find((t) => t.pollId === poll.id));
			expect(tally.options.map((o) => o.count)).toEqual([2, 1, 0]);
		}
	});

	it('throttles tallies to a few per second however fast ballots arrive', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 30);
		const fac = await watcher(facilitator.client, workshop.id);
		const phones = await Promise.all(voters.map((v) => watcher(v.client, workshop.id)));
		const poll = await openPoll(facilitator.client, workshop.id, { reveal: 'live' });
		const started = Date.now();
		// One ballot after another's acknowledgement: 30 tally changes spread over real commits.
		for (const p of phones) {
			const ack = await p.socket.emitWithAck('poll:vote', {
				pollId: poll.id,
				ballotId: crypto.randomUUID(),
				choice: { optionId: poll.options[0].id }
			});
			expect(ack.ok).toBe(true);
		}
		await waitFor(() => fac.tallies().find((t) => t.totalBallots === 30), 10_000);
		const seconds = (Date.now() - started) / 1000;
		const sent = fac.tallies().filter((t) => t.pollId === poll.id).length;
		// The open broadcast plus at most 5 per second (and one more for rounding at the edges).
		expect(sent).toBeLessThanOrEqual(Math.ceil(seconds * 5) + 2);
	});
});
