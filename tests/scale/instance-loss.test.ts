// What an outage does to two instances behind nginx (issue 15): instance A killed with SIGKILL
// while 10 people type and 20 vote — every client ends on B with every acknowledged edit and
// ballot; then Redis restarted mid-session — nothing acknowledged is lost and the fan-out
// between instances resumes. Each scenario has its own cluster (tests/scale/cluster.ts).
import { io, type Socket } from 'socket.io-client';
import { CURRENT_AUTH } from '../helpers/socket-client';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PollResults } from '../../src/lib/protocol/polls';
import type { User } from '../../src/lib/server/repositories/users';
import { createCollabClients, type CollabClient } from '../helpers/collab-client';
import { PIN_HEADER } from '../helpers/nginx';
import { waitFor } from '../helpers/wait-for';
import { seedWorkshopWithNotes, withApp } from '../realtime/server-child';
import { clusterUnavailable, instanceRedisHealth, startCluster } from './cluster';

const unavailable = clusterUnavailable();
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

const TYPERS = 10;
const VOTERS = 20;
const cookie = (token: string) => `palabre_session=${token}`;
const pin = (instance: number) => ({ [PIN_HEADER]: String(instance) });
const marker = (typer: number, n: number) => `‹${typer}.${n}›`;
const markers = (text: string) => new Set(text.match(/‹\d+\.\d+›/g) ?? []);

/** A cluster of two, a workshop with its notes, an open poll and TYPERS + VOTERS members. */
async function session() {
	const cluster = await startCluster(2, cleanups);
	const seeded = await withApp({ DATABASE_URL: cluster.databaseUrl }, async (app) => {
		const { facilitator, workshop, document } = await seedWorkshopWithNotes(app, 'loss');
		const poll = await app.polls.create(facilitator, workshop.id, {
			question: 'Quel chantier en premier ?',
			method: 'single',
			options: [{ label: 'Eau' }, { label: 'Routes' }, { label: 'Écoles' }],
			reveal: 'live'
		});
		await app.polls.command(facilitator, poll.id, 'open');
		const { user: silent } = await app.members.join(null, {
			code: workshop.code,
			displayName: 'Muette'
		});
		const tokens: string[] = [];
		for (let i = 0; i < TYPERS + VOTERS; i++) {
			const { user } = await app.members.join(null, { code: workshop.code, displayName: `P${i}` });
			tokens.push((await app.sessions.create((user as User).id)).token);
		}
		return {
			workshopId: workshop.id,
			documentId: document.id,
			pollId: poll.id,
			optionIds: poll.options.map((o) => o.id),
			facilitatorToken: (await app.sessions.create(facilitator.id)).token,
			silentToken: (await app.sessions.create((silent as User).id)).token,
			tokens
		};
	});
	const sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
	cleanups.push(() => sql.end());
	return { cluster, ...seeded, sql };
}

type Session = Awaited<ReturnType<typeof session>>;

/** Half the typers and voters on each instance; everyone reconnects through the proxy. */
async function room(s: Session) {
	const collab = createCollabClients();
	cleanups.push(() => collab.cleanup());
	const typers: CollabClient[] = s.tokens.slice(0, TYPERS).map((token, i) =>
		collab.connect(s.cluster.proxy.url, s.documentId, cookie(token), new Y.Doc(), {
			headers: pin(i % 2)
		})
	);
	await Promise.all(typers.map((t) => t.synced()));
	const typed = typers.map(() => 0);
	const type = (i: number) => {
		typed[i]++;
		typers[i].doc.getText('body').insert(0, marker(i, typed[i]));
	};

	const acknowledged = new Map<string, string>();
	const tallies: PollResults[][] = [];
	const voters: Socket[] = s.tokens.slice(TYPERS).map((token, i) => {
		const socket = io(s.cluster.proxy.url, {
			path: '/socket.io',
			auth: CURRENT_AUTH,
			transports: ['websocket'],
			extraHeaders: { cookie: cookie(token), ...pin(i % 2) },
			reconnectionDelay: 100,
			reconnectionDelayMax: 500,
			forceNew: true
		});
		const seen: PollResults[] = [];
		tallies.push(seen);
		socket.on('poll:tally', (t: PollResults) => seen.push(t));
		// A phone whose session could not be recovered enters the room again (the app does too).
		socket.on('connect', () => {
			if (!socket.recovered) socket.emit('workshop:enter', { workshopId: s.workshopId }, () => {});
		});
		return socket;
	});
	cleanups.push(() => voters.forEach((v) => v.disconnect()));
	await waitFor(() => voters.every((v) => v.connected), 20_000, {
		description: 'voters connected'
	});
	const ballotIds = voters.map(() => crypto.randomUUID());
	/** Votes until acknowledged, with the same ballot id (a retry must not count twice). */
	async function vote(i: number) {
		for (;;) {
			const voter = voters[i];
			if (!voter.connected) {
				// Its instance died: socket.io reconnects it through nginx to the other one.
				await new Promise<void>((resolve) => voter.once('connect', () => resolve()));
				continue;
			}
			let res: { ok: boolean; error?: { code: string } };
			try {
				res = await voter.timeout(3_000).emitWithAck('poll:vote', {
					pollId: s.pollId,
					ballotId: ballotIds[i],
					choice: { optionId: s.optionIds[i % 3] }
				});
			} catch {
				continue; // no answer: the instance died with it; try again wherever we land
			}
			// A refusal is not an instance loss: the test must fail on it, not retry forever.
			if (!res.ok) throw new Error(`ballot ${i} refused: ${res.error?.code}`);
			acknowledged.set(ballotIds[i], s.optionIds[i % 3]);
			return;
		}
	}
	return { collab, typers, typed, type, voters, vote, acknowledged, tallies };
}

/** Every typed marker is on every replica, and a fresh reader on `instance` finds them stored. */
async function expectConverged(s: Session, r: Awaited<ReturnType<typeof room>>, instance: number) {
	const expected = new Set<string>();
	r.typed.forEach((count, i) => {
		for (let n = 1; n <= count; n++) expected.add(marker(i, n));
	});
	await waitFor(
		() =>
			r.typers.every((t) => {
				const held = markers(t.doc.getText('body').toString());
				return [...expected].every((m) => held.has(m));
			}),
		30_000,
		{ description: `all ${expected.size} edits on every replica` }
	);
	const fresh = createCollabClients();
	const reader = fresh.connect(
		s.cluster.proxy.url,
		s.documentId,
		cookie(s.tokens[0]),
		new Y.Doc(),
		{ headers: pin(instance) }
	);
	await reader.synced();
	const held = markers(reader.doc.getText('body').toString());
	expect([...expected].filter((m) => !held.has(m))).toEqual([]);
	fresh.cleanup();
}

/** Every acknowledged ballot stored exactly once, and every phone's last tally counts them all. */
async function expectBallots(s: Session, r: Awaited<ReturnType<typeof room>>) {
	const rows = await s.sql<{ ballot_id: string }[]>`
		select ballot_id from ballots where poll_id = ${s.pollId}`;
	expect(rows.map((x) => x.ballot_id).sort()).toEqual([...r.acknowledged.keys()].sort());
	for (const seen of r.tallies) {
		await waitFor(
			() => seen.findLast((t) => t.pollId === s.pollId)?.totalBallots === r.acknowledged.size,
			15_000,
			{ description: `every phone's tally shows the ${r.acknowledged.size} ballots` }
		);
	}
}

describe.skipIf(unavailable !== null)('an instance or Redis lost mid-session', () => {
	it(
		'A killed with SIGKILL while 10 type and 20 vote: everyone goes on on B, nothing acknowledged lost',
		{ timeout: 180_000 },
		async () => {
			const s = await session();
			const r = await room(s);
			const [a] = s.cluster.instances;
			// A facilitator on B, and a member on A whose phone then goes dark (no reconnection).
			const facilitator = io(s.cluster.proxy.url, {
				path: '/socket.io',
				auth: CURRENT_AUTH,
				transports: ['websocket'],
				extraHeaders: { cookie: cookie(s.facilitatorToken), ...pin(1) },
				forceNew: true
			});
			const silent = io(s.cluster.proxy.url, {
				path: '/socket.io',
				auth: CURRENT_AUTH,
				transports: ['websocket'],
				extraHeaders: { cookie: cookie(s.silentToken), ...pin(0) },
				reconnection: false,
				forceNew: true
			});
			cleanups.push(() => void [facilitator, silent].forEach((x) => x.disconnect()));
			const noticesAt: number[] = [];
			facilitator.on('members:changed', () => noticesAt.push(Date.now()));
			for (const socket of [facilitator, silent]) {
				await waitFor(() => socket.connected, 10_000, { description: 'connected' });
				expect((await socket.emitWithAck('workshop:enter', { workshopId: s.workshopId })).ok).toBe(
					true
				);
			}
			const members = async () =>
				(await (
					await fetch(`${s.cluster.proxy.url}/api/workshops/${s.workshopId}/members`, {
						headers: { cookie: cookie(s.facilitatorToken), ...pin(1) }
					})
				).json()) as Array<{ displayName: string; present: boolean }>;
			const silentPresent = async () =>
				(await members()).find((m) => m.displayName === 'Muette')?.present;
			await waitFor(silentPresent, 10_000, { description: 'the silent member is present' });
			// Typing on both instances; half the votes before the kill, half after.
			const typing = setInterval(() => r.typers.forEach((_, i) => r.type(i)), 50);
			cleanups.push(() => clearInterval(typing));
			await Promise.all(Array.from({ length: VOTERS / 2 }, (_, i) => r.vote(i)));
			await waitFor(() => r.typers.every((t) => t.durability.confirmedEdits() >= 5), 20_000, {
				description: 'every typer has confirmed edits'
			});
			a.child.kill('SIGKILL');
			await a.exited;
			const killedAt = Date.now();
			// Its members go absent within seconds, and the facilitator is told to refetch.
			await waitFor(async () => (await silentPresent()) === false, 15_000, {
				description: "the dead instance's member is absent",
				intervalMs: 100
			});
			const absentAt = Date.now();
			await waitFor(() => noticesAt.some((t) => t > killedAt), 10_000, {
				description: 'the facilitator on B is told'
			});
			const absentAfter = absentAt - killedAt;
			console.info(`[scale] a dead instance's members went absent after ${absentAfter} ms`);
			expect(absentAfter).toBeLessThan(10_000);
			await Promise.all(Array.from({ length: VOTERS / 2 }, (_, i) => r.vote(VOTERS / 2 + i)));
			// The clients of A are back (on B) and keep typing for a moment.
			await waitFor(() => r.typers.every((t) => t.provider.wsconnected), 20_000, {
				description: "A's typers reconnected through the proxy"
			});
			const before = r.typed.reduce((x, y) => x + y, 0);
			await waitFor(() => r.typed.reduce((x, y) => x + y, 0) >= before + 50, 10_000);
			clearInterval(typing);

			expect(r.acknowledged.size).toBe(VOTERS);
			await expectConverged(s, r, 1);
			await expectBallots(s, r);
			// Every confirmed edit was confirmed for real: the store has them all (checked above).
			expect(r.voters.every((v) => v.connected)).toBe(true);
		}
	);

	it(
		'Redis restarted mid-session: nothing acknowledged lost, fan-out between instances resumes',
		{ timeout: 180_000 },
		async () => {
			const s = await session();
			const r = await room(s);
			const typing = setInterval(() => r.typers.forEach((_, i) => r.type(i)), 100);
			cleanups.push(() => clearInterval(typing));
			await Promise.all(Array.from({ length: VOTERS / 2 }, (_, i) => r.vote(i)));
			// Redis stays down until every instance has seen it go (its /healthz says so).
			await s.cluster.redis.restart(async () => {
				for (const instance of s.cluster.instances)
					await waitFor(async () => (await instanceRedisHealth(instance)) === 'down', 10_000, {
						description: 'the instance sees Redis down'
					});
			});
			await Promise.all(Array.from({ length: VOTERS / 2 }, (_, i) => r.vote(VOTERS / 2 + i)));
			const before = r.typed.reduce((x, y) => x + y, 0);
			await waitFor(() => r.typed.reduce((x, y) => x + y, 0) >= before + 50, 10_000);
			clearInterval(typing);

			expect(r.acknowledged.size).toBe(VOTERS);
			await expectConverged(s, r, 0);
			await expectBallots(s, r);
			// Fan-out resumed: a new edit on A reaches a client of B through the streams.
			const probe = 'après la coupure';
			r.typers[0].doc.getText('body').insert(0, probe);
			await waitFor(() => r.typers[1].doc.getText('body').toString().includes(probe), 10_000, {
				description: "an edit on A reaches B's client after the restart"
			});
		}
	);
});
