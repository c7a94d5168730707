// Crash test: the production server in a child process, 20 phones typing into one document (≥ 400
// updates/s in all) and 50 phones voting, killed with SIGKILL at a random moment, restarted on the
// same data. A fresh client then finds every edit the server had confirmed stored, and every
// acknowledged ballot is counted exactly once — on PGlite (DATA_DIR on disk), and on PostgreSQL
// when DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inArray } from 'drizzle-orm';
import { ballots } from '../../src/lib/server/db/schema/polls';
import type { User } from '../../src/lib/server/repositories/users';
import { createCollabClients, type CollabClient } from '../helpers/collab-client';
import { waitFor } from '../helpers/wait-for';
import {
	withApp,
	seedWorkshopWithNotes,
	startServerChild,
	throwawayDatabase
} from './server-child';
import { CURRENT_AUTH } from '../helpers/socket-client';

const TYPERS = 20;
const VOTERS = 50;
/** Each typer's rhythm: 20 × 25 = 500 updates/s in all, kept up even when timers run late. */
const TYPER_RATE = 25;
const TICK_MS = 20;
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Backend {
	name: string;
	env(): Promise<Record<string, string>>;
}

const backends: Backend[] = [
	{
		name: 'PGlite on disk',
		async env() {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-crash-'));
			cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
			return { DATA_DIR: dir };
		}
	}
];
if (process.env.DATABASE_URL) {
	const url = process.env.DATABASE_URL;
	backends.push({
		name: 'PostgreSQL',
		async env() {
			return { DATABASE_URL: await throwawayDatabase(url, 'palabre_crash', cleanups) };
		}
	});
}

/** A facilitator, a workshop with a document and an open poll, 70 members with sessions. */
function seed(env: Record<string, string>) {
	return withApp(env, async (app) => {
		const { facilitator, workshop, document } = await seedWorkshopWithNotes(app, 'crash');
		const poll = await app.polls.create(facilitator, workshop.id, {
			question: 'Quel chantier en premier ?',
			method: 'single',
			options: [{ label: 'Eau' }, { label: 'Routes' }, { label: 'Écoles' }],
			reveal: 'live'
		});
		await app.polls.command(facilitator, poll.id, 'open');
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
			tokens
		};
	});
}

const startChild = (env: Record<string, string>) => startServerChild(env, cleanups);

const marker = (typer: number, n: number) => `‹${typer}.${n}›`;

describe.each(backends)('a server killed mid-session ($name)', (backend) => {
	it(
		'keeps every edit it confirmed stored and every ballot it acknowledged, exactly once',
		{ timeout: 120_000 },
		async () => {
			const env = await backend.env();
			const setup = await seed(env);
			const first = startChild(env);
			const port = await first.port;
			const url = `http://127.0.0.1:${port}`;
			const cookie = (token: string) => `palabre_session=${token}`;

			// 50 voters, each voting once at its own moment (some twice, with the same ballot id).
			const acknowledged = new Set<string>();
			const refusals: string[] = [];
			const voters: Socket[] = setup.tokens.slice(TYPERS).map((token) =>
				io(url, {
					path: '/socket.io',
					auth: CURRENT_AUTH,
					transports: ['websocket'],
					extraHeaders: { cookie: cookie(token) },
					reconnection: false,
					forceNew: true
				})
			);
			cleanups.push(() => voters.forEach((v) => v.disconnect()));
			let entered = 0;
			const votes: Array<(then?: () => void) => void> = [];
			voters.forEach((voter, i) => {
				const ballotId = crypto.randomUUID();
				const vote = (then?: () => void) =>
					voter.emit(
						'poll:vote',
						{ pollId: setup.pollId, ballotId, choice: { optionId: setup.optionIds[i % 3] } },
						(res: { ok: boolean; error?: { code?: string } }) => {
							if (res.ok) acknowledged.add(ballotId);
							else refusals.push(res.error?.code ?? 'unknown');
							then?.();
						}
					);
				votes.push(vote);
				voter.once('connect', () =>
					voter.emit('workshop:enter', { workshopId: setup.workshopId }, () => entered++)
				);
			});
			await waitFor(() => entered === VOTERS, 20_000, { description: 'every voter in the room' });

			// 20 typers, each inserting its own numbered markers at the start of one Y.Text.
			const collab = createCollabClients();
			cleanups.push(() => collab.cleanup());
			const typers: CollabClient[] = setup.tokens
				.slice(0, TYPERS)
				.map((token) => collab.connect(url, setup.documentId, cookie(token)));
			await Promise.all(typers.map((t) => t.synced()));
			const typed = typers.map(() => 0);
			// Each voter votes once the room has typed its own random number of edits (the first
			// ~3 s of typing), so ballots and edits interleave; half of them send the same ballot
			// again once the first is answered (a retry after a lost ack must not count twice).
			const voteAfter = votes.map(() => Math.random() * 3 * TYPER_RATE * TYPERS);
			const voted = votes.map(() => false);
			const castDueVotes = () => {
				const total = typed.reduce((n, k) => n + k, 0);
				votes.forEach((vote, i) => {
					if (voted[i] || total < voteAfter[i]) return;
					voted[i] = true;
					vote(i % 2 ? () => vote() : undefined);
				});
			};
			const typingFrom = performance.now();
			const timers = typers.map((typer, i) =>
				setInterval(() => {
					// One update per marker: a late tick catches up with several separate updates.
					const due = ((performance.now() - typingFrom) / 1000) * TYPER_RATE;
					while (typed[i] < due) {
						typed[i]++;
						typer.doc.getText('body').insert(0, marker(i, typed[i]));
					}
					castDueVotes();
				}, TICK_MS)
			);
			const stopTyping = () => timers.forEach((timer) => clearInterval(timer));
			cleanups.push(stopTyping);

			// A random moment: once a random number (600…2,000) of edits have been confirmed and a
			// random number (5…40) of ballots acknowledged.
			const threshold = 600 + Math.floor(Math.random() * 1_400);
			const ballotsBefore = 5 + Math.floor(Math.random() * 35);
			const confirmedTotal = () => typers.reduce((n, t) => n + t.durability.confirmedEdits(), 0);
			const startedAt = typingFrom;
			await waitFor(
				() => confirmedTotal() >= threshold && acknowledged.size >= ballotsBefore,
				30_000,
				{ description: `${threshold} confirmed edits and ${ballotsBefore} ballots` }
			);
			const seconds = (performance.now() - startedAt) / 1000;
			first.child.kill('SIGKILL');
			await first.exited;
			stopTyping();
			const confirmed = typers.map((t) => t.durability.confirmedEdits());
			const totalTyped = typed.reduce((a, b) => a + b, 0);
			collab.cleanup();
			voters.forEach((v) => v.disconnect());
			console.info(
				`[crash ${backend.name}] killed after ${seconds.toFixed(1)} s: ${totalTyped} edits typed ` +
					`(${Math.round(totalTyped / seconds)}/s), ${confirmed.reduce((a, b) => a + b, 0)} confirmed, ` +
					`${acknowledged.size} ballots acknowledged, refusals: ${refusals.join(',') || 'none'}`
			);
			expect(totalTyped / seconds).toBeGreaterThanOrEqual(400);
			expect(acknowledged.size).toBeGreaterThanOrEqual(ballotsBefore);

			// Restart on the same data; a fresh client reads what was stored.
			const second = startChild(env);
			const port2 = await second.port;
			const fresh = createCollabClients();
			cleanups.push(() => fresh.cleanup());
			const reader = fresh.connect(
				`http://127.0.0.1:${port2}`,
				setup.documentId,
				cookie(setup.tokens[0]),
				new Y.Doc()
			);
			await reader.synced();
			const stored = new Set(
				reader.doc
					.getText('body')
					.toString()
					.match(/‹\d+\.\d+›/g) ?? []
			);
			const missing: string[] = [];
			confirmed.forEach((count, i) => {
				for (let n = 1; n <= count; n++) if (!stored.has(marker(i, n))) missing.push(marker(i, n));
			});
			expect(missing).toEqual([]);
			fresh.cleanup();
			second.child.kill('SIGTERM');
			await second.exited;

			// Ballots: each acknowledged one is there (the ballot id is unique: at most once).
			const ids = [...acknowledged];
			const rows = await withApp(env, (app) =>
				ids.length === 0
					? Promise.resolve([])
					: app.database.db
							.select({ ballotId: ballots.ballotId })
							.from(ballots)
							.where(inArray(ballots.ballotId, ids))
			);
			expect(rows.map((r) => r.ballotId).sort()).toEqual(ids.sort());
		}
	);
});
