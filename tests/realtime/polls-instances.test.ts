// Two instances behind one proxy (REDIS_URL): ballots cast on one reach the tallies of phones
// connected to the other, and a state change made on one is what the other then applies. Both
// servers share one database; the socket.io Redis adapter carries the instances' messages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { DatabaseHandle } from '../../src/lib/server/db/client';
import { parseConfig } from '../../src/lib/server/config';
import { loadKitHandler, startServer, type RunningServer } from '../../server/http-server';
import type { PollResults } from '../../src/lib/protocol/polls';
import type { HttpClient } from '../helpers/http-client';
import { connected, type TestSocket, CURRENT_AUTH } from '../helpers/socket-client';
import { createTestDatabase, migrationsDir } from '../helpers/test-database';
import { waitFor } from '../helpers/wait-for';
import { command, openPoll, vote, votingRoom } from '../integration/polls-helpers';

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('votes across two instances (REDIS_URL)', () => {
	let database: DatabaseHandle;
	let a: RunningServer;
	let b: RunningServer;
	const sockets: TestSocket[] = [];

	beforeAll(async () => {
		database = await createTestDatabase();
		const config = {
			...parseConfig({ PORT: '0', HOST: '127.0.0.1', REDIS_URL: redisUrl }),
			migrationsDir,
			databaseUrl: undefined
		};
		a = await startServer(config, { database, kitHandler: await loadKitHandler() });
		b = await startServer(config, { database, kitHandler: null });
	});
	afterAll(async () => {
		await b?.close();
		await a?.close();
		await database?.close();
	});
	afterEach(() => {
		for (const socket of sockets.splice(0)) socket.disconnect();
	});

	/** A phone of `client`'s member connected to instance `server`, recording its tallies. */
	async function phoneOn(server: RunningServer, client: HttpClient, workshopId: string) {
		const socket: TestSocket = io(server.url, {
			path: '/socket.io',
			auth: CURRENT_AUTH,
			transports: ['websocket'],
			extraHeaders: { cookie: client.cookieHeader },
			reconnection: false,
			forceNew: true
		});
		sockets.push(socket);
		const tallies: PollResults[] = [];
		socket.on('poll:tally', (tally) => tallies.push(tally));
		await connected(socket);
		expect((await socket.emitWithAck('workshop:enter', { workshopId })).ok).toBe(true);
		return { socket, tallies };
	}

	it('a phone on instance B sees the ballots cast on A, and A sees the one cast on B', async () => {
		const { facilitator, workshop, voters } = await votingRoom(a, 4);
		const poll = await openPoll(facilitator.client, workshop.id, { reveal: 'live' });
		const onB = await phoneOn(b, voters[0].client, workshop.id);
		const onA = await phoneOn(a, facilitator.client, workshop.id);
		// B has loaded the poll (the greeting sent its state): from now on it keeps a tally.
		await waitFor(() => onB.tallies.find((t) => t.pollId === poll.id));

		for (const [i, voter] of voters.slice(1).entries()) {
			const res = await vote(voter.client, poll.id, { optionId: poll.options[i % 2].id });
			expect(res.status).toBe(201);
		}
		const seenOnB = await waitFor(() =>
			onB.tallies.find((t) => t.pollId === poll.id && t.totalBallots === 3)
		);
		expect(seenOnB.options.map((o) => o.count)).toEqual([2, 1, 0]);

		const ack = await onB.socket.emitWithAck('poll:vote', {
			pollId: poll.id,
			ballotId: crypto.randomUUID(),
			choice: { optionId: poll.options[2].id }
		});
		expect(ack.ok).toBe(true);
		const seenOnA = await waitFor(() =>
			onA.tallies.find((t) => t.pollId === poll.id && t.totalBallots === 4)
		);
		expect(seenOnA.options.map((o) => o.count)).toEqual([2, 1, 1]);
		// Each instance counted every ballot once: B's own tally agrees.
		const { results } = await b.app.polls.liveSnapshot(poll.id);
		expect(results.options.map((o) => o.count)).toEqual([2, 1, 1]);
	});

	it('a poll closed on A is closed on B, whose counts then follow the reveal policy', async () => {
		const { facilitator, workshop, voters } = await votingRoom(a, 2);
		const poll = await openPoll(facilitator.client, workshop.id, { reveal: 'after_close' });
		await phoneOn(b, voters[0].client, workshop.id);
		await waitFor(async () => (await b.app.polls.liveSnapshot(poll.id)).view.status === 'open');
		expect((await vote(voters[1].client, poll.id, { optionId: poll.options[0].id })).status).toBe(
			201
		);
		expect((await b.app.polls.liveSnapshot(poll.id)).results.hidden).toBe(true);

		expect((await command(facilitator.client, poll.id, 'close')).status).toBe(200);
		const closed = await waitFor(async () => {
			const snapshot = await b.app.polls.liveSnapshot(poll.id);
			return snapshot.view.status === 'closed' ? snapshot : null;
		});
		expect(closed.results.hidden).toBe(false);
		expect(closed.results.options.map((o) => o.count)).toEqual([1, 0, 0]);
	});
});
