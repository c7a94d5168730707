// Opinion map benchmark (issue #16): 300 participants × 150 statements × 60 % of cells voted.
// 1. One recomputation (PCA, k-means for k = 2..5 with silhouette, group statistics): server CPU
//    per run, on a room with three opinion camps and on a room of random votes. Target ≤ 150 ms.
// 2. The analysis payload as the projector receives it (statement texts of 100–140 characters),
//    JSON and gzip. Target ≤ 30 KB gzipped.
// 3. Votes while the room votes: 300 phones each voting once every 3 s (100 votes/s) through the
//    service (`app.opinion.vote`: access check, validation, the write, the progress read) on the
//    real app and database, with the throttled recomputation running in the same process. HTTP
//    parsing is not included (the bench server has no SvelteKit handler). Target p95 ≤ 100 ms.
// Figures go to docs/performance.md. Not a test.
//
// Run from the repository root:
//   npx esbuild bench/opinion-map.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-opinion.mjs && node node_modules/.cache/bench-opinion.mjs
// Options: --runs=20 · --seconds=30 · --pg (PostgreSQL at DATABASE_URL)
import { gzipSync } from 'node:zlib';
import { computeAnalysis, type AnalysisVote } from '../src/lib/domain/opinion-analysis';
import type { OpinionVote } from '../src/lib/protocol/opinion';
import { opinionVotes } from '../src/lib/server/db/schema';
import type { User } from '../src/lib/server/repositories/users';
import { cliOption, percentile, startBenchPalabre } from './harness';

const PARTICIPANTS = 300;
const STATEMENTS = 150;
const DENSITY = 0.6;
const RUNS = Number(cliOption('runs', '20'));
const SECONDS = Number(cliOption('seconds', '30'));
const DATABASE_URL = process.argv.includes('--pg')
	? (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
	: undefined;

function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TEXT =
	'Un bon citoyen de Maradi participe aux réunions du quartier et paie ses impôts locaux chaque année, sans faute';

/** Three camps with their own leanings per statement, or pure noise (`camps` 0). */
function room(camps: number, seed: number) {
	const random = rng(seed);
	const statements = Array.from({ length: STATEMENTS }, (_, j) => ({
		id: `s${j}`,
		text: `${j} ${TEXT}`.slice(0, 100 + (j % 40))
	}));
	const leaning = Array.from({ length: Math.max(1, camps) }, () =>
		statements.map(() => random() * 2 - 1)
	);
	const votes: AnalysisVote[] = [];
	for (let p = 0; p < PARTICIPANTS; p++) {
		const camp = p % Math.max(1, camps);
		for (let j = 0; j < STATEMENTS; j++) {
			if (random() >= DENSITY) continue;
			const lean = camps ? leaning[camp][j] : 0;
			const r = random() * 2 - 1;
			const vote: OpinionVote = r < lean - 0.3 ? 1 : r > lean + 0.3 ? -1 : 0;
			votes.push({ memberId: `m${String(p).padStart(3, '0')}`, statementId: `s${j}`, vote });
		}
	}
	return { statements, votes };
}

function cpuMs(work: () => void): number {
	const before = process.cpuUsage();
	work();
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1000;
}

function computation() {
	for (const [name, camps] of [
		['three camps', 3],
		['random votes', 0]
	] as const) {
		const input = room(camps, 42);
		let memory = computeAnalysis(input).memory; // warm-up, and the memory of a previous run
		const times: number[] = [];
		let result = computeAnalysis({ ...input, memory });
		for (let i = 0; i < RUNS; i++) {
			times.push(cpuMs(() => (result = computeAnalysis({ ...input, memory }))));
			memory = result.memory;
		}
		const payload = JSON.stringify({
			mapId: '00000000-0000-0000-0000-000000000000',
			version: 123,
			computedAt: new Date().toISOString(),
			participants: result.participants,
			placed: result.placed,
			minVotes: result.minVotes,
			groups: result.groups,
			consensus: result.consensus,
			divisive: result.divisive,
			points: result.points.map(({ x, y, group }) => ({ x, y, group }))
		});
		console.log(
			`recompute (${name}, ${input.votes.length} votes): CPU median ${percentile(times, 50).toFixed(1)} ms, ` +
				`p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms · ` +
				`${result.groups.length} groups, ${result.consensus.length} consensus · payload ` +
				`${(payload.length / 1024).toFixed(1)} KB JSON, ${(gzipSync(payload).length / 1024).toFixed(1)} KB gz`
		);
	}
}

async function voting() {
	const bench = await startBenchPalabre({
		clients: PARTICIPANTS,
		workshop: { title: 'Bootcamp (banc d’essai)', kind: 'bootcamp' },
		databaseUrl: DATABASE_URL
	});
	try {
		const { app, facilitator, workshop } = bench;
		const { id: mapId } = await app.opinion.create(facilitator, workshop.id, {
			prompt: 'Qu’est-ce qu’un bon citoyen à Maradi ?'
		});
		for (let j = 0; j < STATEMENTS; j++)
			await app.opinion.addStatement(facilitator, mapId, { text: `${j} ${TEXT}`.slice(0, 120) });
		const statements = (await app.opinion.get(facilitator, mapId)).statements.map((s) => s.id);
		const people: { user: User; memberId: string }[] = [];
		for (const token of bench.tokens) {
			const session = await app.sessions.validate(token);
			const user = session!.user as User;
			const { member } = await app.workshops.access(user, workshop.id);
			people.push({ user, memberId: member.id });
		}
		// The room has already voted on 60 % of the cells, written straight to the table.
		const random = rng(7);
		const rows = people.flatMap((p) =>
			statements
				.filter(() => random() < DENSITY)
				.map((statementId) => ({
					mapId,
					statementId,
					memberId: p.memberId,
					vote: [1, -1, 0][Math.floor(random() * 3)]
				}))
		);
		for (let i = 0; i < rows.length; i += 1000)
			await app.database.db
				.insert(opinionVotes)
				.values(rows.slice(i, i + 1000))
				.onConflictDoNothing();
		await app.opinion.analysis(facilitator, mapId);

		let analyses = 0;
		app.events.on('opinion.analysis', () => analyses++);
		const latencies: number[] = [];
		let failures = 0;
		const cpuBefore = process.cpuUsage();
		const started = performance.now();
		const phones = people.map(async (p, i) => {
			// Spread over the first 3 s, then one vote every 3 s.
			await new Promise((r) => setTimeout(r, (i * 3000) / PARTICIPANTS));
			while (performance.now() - started < SECONDS * 1000) {
				const t0 = performance.now();
				const statementId = statements[Math.floor(random() * statements.length)];
				try {
					await app.opinion.vote(p.user, mapId, { statementId, vote: random() < 0.5 ? 1 : -1 });
					latencies.push(performance.now() - t0);
				} catch {
					failures++;
				}
				await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (performance.now() - t0))));
			}
		});
		await Promise.all(phones);
		const elapsed = (performance.now() - started) / 1000;
		const cpu = process.cpuUsage(cpuBefore);
		console.log(
			`votes (${DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${latencies.length} in ${elapsed.toFixed(0)} s ` +
				`(${(latencies.length / elapsed).toFixed(0)}/s), ${failures} failed · latency median ` +
				`${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
				`p99 ${percentile(latencies, 99).toFixed(1)} ms · ${analyses} recomputations · ` +
				`process CPU ${(((cpu.user + cpu.system) / 1e6 / elapsed) * 100).toFixed(0)} % of a core`
		);
	} finally {
		await bench.close();
	}
}

computation();
await voting();
process.exit(0);
