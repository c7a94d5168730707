// Crash test: the production server in a child process, 20 phones typing into one document (≥ 400
// updates/s in all) and 50 phones voting, killed with SIGKILL at a random moment, restarted on the
// same data. A fresh client then finds every edit the server had confirmed stored, and every
// acknowledged ballot is counted exactly once — on PGlite (DATA_DIR on disk), and on PostgreSQL
// when DATABASE_URL is set.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inArray } from 'drizzle-orm';
import { createApp } from '../../src/lib/server/app';
import { parseConfig, type Config } from '../../src/lib/server/config';
import { ballots } from '../../src/lib/server/db/schema/polls';
import type { User } from '../../src/lib/server/repositories/users';
import { createCollabClients, type CollabClient } from '../helpers/collab-client';
import { waitFor } from '../helpers/wait-for';

const root = path.resolve(import.meta.dirname, '../..');
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
			const name = `palabre_crash_${Date.now().toString(36)}`;
			const admin = postgres(url, { max: 1, onnotice: () => {} });
			await admin.unsafe(`create database ${name}`);
			await admin.end();
			cleanups.push(async () => {
				const drop = postgres(url, { max: 1, onnotice: () => {} });
				await drop.unsafe(`drop database if exists ${name} with (force)`);
				await drop.end();
			});
			const target = new URL(url);
			target.pathname = `/${name}`;
			return { DATABASE_URL: target.toString() };
		}
	});
}

function configFor(env: Record<string, string>): Config {
	return {
		...parseConfig({ PORT: '0', HOST: '127.0.0.1', ...env }),
		migrationsDir: path.join(root, 'drizzle')
	};
}

/** A facilitator, a workshop with a document and an open poll, 70 members with sessions. */
async function seed(env: Record<string, string>) {
	const app = await createApp(configFor(env));
	try {
		const facilitator = await app.accounts.signUp({
			email: `crash-${Date.now()}@example.org`,
			name: 'Animatrice',
			password: 'mot-de-passe-crash'
		});
		const workshop = await app.workshops.create(facilitator, {
			title: 'Atelier de quartier',
			kind: 'concertation'
		} as never);
		const document = await app.documents.create(facilitator, workshop.id, {
			kind: 'notes',
			title: 'Notes de la séance'
		});
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
	} finally {
		await app.close();
	}
}

/** `npm start`'s bundle in a child; resolves with its port once it listens. */
function startChild(env: Record<string, string>) {
	const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'server.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			LANG: 'en_US.UTF-8',
			PORT: '0',
			HOST: '127.0.0.1',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	const port = new Promise<number>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk;
			const found = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
			if (found) resolve(Number(found[1]));
		});
		child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
		void exited.then((code) => reject(new Error(`server exited (${code}): ${output}`)));
	});
	cleanups.push(() => void child.kill('SIGKILL'));
	return { child, port, exited, output: () => output };
}

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
			const typingFrom = performance.now();
			const timers = typers.map((typer, i) =>
				setInterval(() => {
					// One update per marker: a late tick catches up with several separate updates.
					const due = ((performance.now() - typingFrom) / 1000) * TYPER_RATE;
					while (typed[i] < due) {
						typed[i]++;
						typer.doc.getText('body').insert(0, marker(i, typed[i]));
					}
				}, TICK_MS)
			);
			const stopTyping = () => timers.forEach((timer) => clearInterval(timer));
			cleanups.push(stopTyping);
			// Each voter votes at its own moment while the typing goes on, and half of them send the
			// same ballot again once the first is answered (a retry after a lost ack must not count
			// twice). The moments are the load's schedule, not a wait for anything.
			votes.forEach((vote, i) => {
				const timer = setTimeout(
					() => vote(i % 2 ? () => vote() : undefined),
					Math.random() * 3_000
				);
				cleanups.push(() => clearTimeout(timer));
			});

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
			const app = await createApp(configFor(env));
			try {
				const ids = [...acknowledged];
				const rows =
					ids.length === 0
						? []
						: await app.database.db
								.select({ ballotId: ballots.ballotId })
								.from(ballots)
								.where(inArray(ballots.ballotId, ids));
				expect(rows.map((r) => r.ballotId).sort()).toEqual(ids.sort());
			} finally {
				await app.close();
			}
		}
	);
});
