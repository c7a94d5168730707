// Charter benchmark: a charter of 40 articles (and a préambule) with 200 amendments,
// 30 articles adopted by vote and 40 amendments decided. Measures, next to references in the same
// run: GET articles and GET consolidated (JSON) against a bare GET /api/documents/:id; and the
// adoption of an amendment (POST /api/polls/:id/close → outcome claimed → merge → relay) until
// every one of 100 connected y-websocket editors has it, against a plain server-side Yjs update
// relayed to the same 100 editors; and the consolidated PDF against the full text's PDF export.
// Targets: ≤ 100 ms p95 for the reads, ≤ 2 s for the PDF, ≤ 250 ms p95 for the adoption.
// Figures go to docs/performance.md. Not a test.
//
// The server, its database and the 100 editors share this process (like the test server): the
// references carry the same handicap. Run from the repository root after `npm run build`:
//   npx esbuild bench/charter.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=node_modules/.cache/bench-charter.mjs && node node_modules/.cache/bench-charter.mjs
// Options: --requests=200 · --adoptions=15 · --editors=100 · --pg (PostgreSQL at DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/test; a throwaway database is created there)
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { parseConfig } from '../src/lib/server/config';
import { startServer, type RunningServer } from '../server/http-server';
import { createTestDatabase, migrationsDir } from '../tests/helpers/test-database';
import { joinedParticipant, workshopWithFacilitator } from '../tests/helpers/fixtures';
import { createCollabClients } from '../tests/helpers/collab-client';
import type { HttpClient } from '../tests/helpers/http-client';
import { articleNodes, readArticles } from '../src/lib/server/charter/article-doc';
import { fragmentOf, type Block } from '../src/lib/server/documents/document-tree';
import { CHARTER_APPLIED_MAP } from '../src/lib/domain/charter';
import { cliOption, numberOption, percentile, until } from './harness';

const REQUESTS = numberOption('requests', 200);
const ADOPTIONS = numberOption('adoptions', 15);
const EDITORS = numberOption('editors', 100);
const PG = process.argv.includes('--pg');
if (PG) process.env.DATABASE_URL ??= cliOption('url', 'postgres://postgres@127.0.0.1:5432/test');
else delete process.env.DATABASE_URL;

const paragraph = (text: string): Block => ({ type: 'paragraph', content: [{ text, marks: {} }] });
const WORDS =
	'la commune associe les habitants aux décisions qui concernent leur quartier et rend compte ' +
	'chaque trimestre des engagements pris devant le comité de suivi de la charte';
/** Three paragraphs of ~25 words, each with a sentence found nowhere else (the amendments' target). */
function body(i: number): string[] {
	const words = WORDS.split(' ');
	return [0, 1, 2].map(
		(j) =>
			`Disposition ${i}.${j} : ` +
			Array.from({ length: 24 }, (_, k) => words[(i * 5 + j * 11 + k) % words.length]).join(' ') +
			'.'
	);
}

async function startBenchServer(): Promise<RunningServer> {
	process.env.PROTOCOL_HEADER ??= 'x-palabre-protocol';
	const { handler } = await import(pathToFileURL(path.resolve('build/handler.js')).href);
	const database = await createTestDatabase();
	const running = await startServer(
		{ ...parseConfig({ PORT: '0', HOST: '127.0.0.1' }), migrationsDir, databaseUrl: undefined },
		{ database, kitHandler: handler }
	);
	return {
		...running,
		async close() {
			await running.close();
			await database.close();
		}
	};
}

async function ok<T>(res: Promise<{ status: number; body: T }>, expected = [200, 201]) {
	const r = await res;
	if (!expected.includes(r.status)) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body)}`);
	return r.body;
}

/** Opens a vote, casts one ballot per voter, returns the poll id (not closed yet). */
async function voteOn(
	facilitator: HttpClient,
	voters: HttpClient[],
	documentId: string,
	articleId: string,
	choice: 'for' | 'against',
	amendmentId?: string
) {
	const { pollId } = await ok(
		facilitator.json<{ pollId: string }>(
			`/api/documents/${documentId}/articles/${articleId}/vote`,
			{ method: 'POST', json: amendmentId ? { amendmentId } : {} }
		)
	);
	const poll = await ok(
		voters[0].json<{ options: { id: string; consent?: string }[] }>(`/api/polls/${pollId}`)
	);
	const optionId = poll.options.find((o) => o.consent === choice)!.id;
	for (const voter of voters)
		await ok(
			voter.json(`/api/polls/${pollId}/ballots`, {
				method: 'POST',
				json: { ballotId: crypto.randomUUID(), choice: { optionId } }
			})
		);
	return pollId;
}

/** CPU time of this process (server and clients) per unit of work: steadier than wall time here. */
const cpuMs = () => {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
};
const cpuPer = new Map<string, number>();

async function timeGets(client: HttpClient, url: string, requests = REQUESTS, warmUps = 20) {
	for (let i = 0; i < warmUps; i++) {
		const res = await client.request(url);
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
	}
	const times: number[] = [];
	const cpu0 = cpuMs();
	for (let i = 0; i < requests; i++) {
		const t0 = performance.now();
		const res = await client.request(url);
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
		times.push(performance.now() - t0);
	}
	cpuPer.set(url, (cpuMs() - cpu0) / requests);
	return times;
}

const row = (label: string, times: number[], reference?: number[], cpu?: number) =>
	`| ${label} | ${times.length} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${reference ? (percentile(times, 95) / percentile(reference, 95)).toFixed(1) + '×' : '—'} | ${cpu === undefined ? '—' : cpu.toFixed(1)} |`;

async function main() {
	const server = await startBenchServer();
	const collab = createCollabClients();
	try {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const voters = [
			(await joinedParticipant(server, workshop.code, 'Moussa')).client,
			(await joinedParticipant(server, workshop.code, 'Awa')).client
		];
		const { id: documentId } = await ok(
			facilitator.client.json<{ id: string }>(`/api/workshops/${workshop.id}/documents`, {
				method: 'POST',
				json: { kind: 'charter', title: 'Charte de la citoyenneté de Maradi' }
			})
		);
		await server.app.liveDocuments.editDoc(documentId, (doc) => {
			const nodes = [
				articleNodes({ role: 'preamble', title: 'Préambule', body: body(0).map(paragraph) }),
				...Array.from({ length: 40 }, (_, i) =>
					articleNodes({
						role: 'article',
						title: `Engagement ${i + 1}`,
						body: body(i + 1).map(paragraph)
					})
				)
			];
			fragmentOf(doc).insert(0, nodes);
		});
		const articles = readArticles(await server.app.liveDocuments.getDoc(documentId)).filter(
			(a) => a.role === 'article'
		);

		// 200 amendments, five per article: replace, add, delete, rewrite, add at the end.
		const amendmentIds: string[][] = [];
		for (const [i, a] of articles.entries()) {
			const [p0, p1, p2] = body(i + 1);
			const bodies = [
				{ kind: 'replace', passage: p0.split(' : ')[0], text: `Article-disposition ${i}` },
				{ kind: 'add', passage: p1.split(' : ')[0] + ' :', text: 'en tout temps' },
				{ kind: 'delete', passage: p2.split(' : ')[0] + ' : ' },
				{ kind: 'rewrite', text: `Texte réécrit de l’engagement ${i + 1}.` },
				{ kind: 'add', text: 'Un alinéa ajouté à la fin.', justification: 'Pour être complet.' }
			];
			const ids: string[] = [];
			for (const [k, json] of bodies.entries()) {
				const res = await ok(
					voters[k % 2].json<{ amendmentId: string }>(
						`/api/documents/${documentId}/articles/${a.articleId}/amendments`,
						{ method: 'POST', json }
					)
				);
				ids.push(res.amendmentId);
			}
			amendmentIds.push(ids);
		}

		// Decided: on 20 articles one amendment adopted (merged) and one rejected; 30 articles adopted.
		const close = (pollId: string) =>
			ok(facilitator.client.json(`/api/polls/${pollId}/close`, { method: 'POST' }));
		for (let i = 0; i < 20; i++) {
			const a = articles[i].articleId;
			await close(
				await voteOn(facilitator.client, voters, documentId, a, 'for', amendmentIds[i][0])
			);
			await close(
				await voteOn(facilitator.client, voters, documentId, a, 'against', amendmentIds[i][4])
			);
		}
		for (let i = 0; i < 30; i++)
			await close(
				await voteOn(facilitator.client, voters, documentId, articles[i].articleId, 'for')
			);
		// Outcomes apply on their own, just after each close: wait until all are there.
		let check = { articles: [] as unknown[], amendments: [] as unknown[] };
		const deadline = performance.now() + 30_000;
		while (check.articles.length < 30 || check.amendments.length < 40) {
			if (performance.now() > deadline) throw new Error('outcomes did not all apply');
			check = await ok(
				facilitator.client.json<typeof check>(`/api/documents/${documentId}/consolidated`)
			);
		}

		console.log(
			`# Charter benchmark — ${new Date().toISOString()} — ${PG ? 'PostgreSQL' : 'PGlite'} — ${os.cpus().length} × ${os.cpus()[0]?.model} — Node ${process.version}`
		);
		console.log(
			`40 articles + préambule, 200 amendments, consolidated: ${check.articles.length} adopted articles, ${check.amendments.length} decided amendments\n`
		);
		console.log('| request | n | p50 ms | p95 ms | p99 ms | p95 ÷ reference | CPU ms/request |');
		console.log('| --- | --- | --- | --- | --- | --- | --- |');
		const reference = await timeGets(voters[0], `/api/documents/${documentId}`);
		const list = await timeGets(voters[0], `/api/documents/${documentId}/articles`);
		const consolidated = await timeGets(voters[0], `/api/documents/${documentId}/consolidated`);
		const amendments = await timeGets(voters[0], `/api/documents/${documentId}/amendments`);
		const doc = `/api/documents/${documentId}`;
		console.log(row('GET /api/documents/:id (reference)', reference, undefined, cpuPer.get(doc)));
		console.log(
			row('GET /api/documents/:id/articles', list, reference, cpuPer.get(`${doc}/articles`))
		);
		console.log(
			row(
				'GET /api/documents/:id/consolidated',
				consolidated,
				reference,
				cpuPer.get(`${doc}/consolidated`)
			)
		);
		console.log(
			row(
				'GET /api/documents/:id/amendments (all 200)',
				amendments,
				reference,
				cpuPer.get(`${doc}/amendments`)
			)
		);
		// The consolidated PDF (target ≤ 2 s) next to the full text's PDF export of the same charter.
		const pdfRuns = Math.max(5, Math.round(REQUESTS / 10));
		const textPdf = `${doc}/export?format=pdf`;
		const consolidatedPdf = `${doc}/consolidated?format=pdf`;
		const textPdfTimes = await timeGets(voters[0], textPdf, pdfRuns, 3);
		const consolidatedPdfTimes = await timeGets(voters[0], consolidatedPdf, pdfRuns, 3);
		console.log(
			row('GET …/export?format=pdf (reference)', textPdfTimes, undefined, cpuPer.get(textPdf))
		);
		console.log(
			row(
				'GET …/consolidated?format=pdf',
				consolidatedPdfTimes,
				textPdfTimes,
				cpuPer.get(consolidatedPdf)
			)
		);

		// ---- adoption reaching 100 editors ----
		const cookie = facilitator.client.cookieHeader;
		const editors = Array.from({ length: EDITORS }, () =>
			collab.connect(server.url, documentId, cookie)
		);
		await Promise.all(editors.map((e) => e.synced()));
		const arrivals = (key: string, map: (doc: Y.Doc) => Y.Map<unknown>) => {
			const seen: number[] = [];
			for (const e of editors) {
				const m = map(e.doc);
				const handler = () => {
					if (!m.has(key)) return;
					seen.push(performance.now());
					m.unobserve(handler);
				};
				m.observe(handler);
			}
			return seen;
		};
		const adoption: number[] = [];
		const closeAnswered: number[] = [];
		const fanout: number[] = [];
		let fanoutCpu = 0;
		let adoptionCpu = 0;
		for (let r = 0; r < ADOPTIONS; r++) {
			// Reference first: a plain server-side Yjs update relayed to the same editors.
			const key = `ref-${r}`;
			const refSeen = arrivals(key, (doc) => doc.getMap('bench'));
			const t0 = performance.now();
			const c0 = cpuMs();
			await server.app.liveDocuments.editDoc(documentId, (doc) => doc.getMap('bench').set(key, r));
			if (!(await until(() => refSeen.length === EDITORS, 5_000)))
				throw new Error('reference lost');
			fanoutCpu += cpuMs() - c0;
			fanout.push(...refSeen.map((t) => t - t0));

			// An amendment of an article not adopted yet (articles 31–40), adopted by vote.
			const article = articles[30 + (r % 10)].articleId;
			const { amendmentId } = await ok(
				voters[0].json<{ amendmentId: string }>(
					`/api/documents/${documentId}/articles/${article}/amendments`,
					{ method: 'POST', json: { kind: 'add', text: `Ajout n° ${r}.` } }
				)
			);
			const pollId = await voteOn(
				facilitator.client,
				voters,
				documentId,
				article,
				'for',
				amendmentId
			);
			const seen = arrivals(amendmentId, (doc) => doc.getMap(CHARTER_APPLIED_MAP));
			const t1 = performance.now();
			const c1 = cpuMs();
			await ok(facilitator.client.json(`/api/polls/${pollId}/close`, { method: 'POST' }));
			closeAnswered.push(performance.now() - t1);
			if (!(await until(() => seen.length === EDITORS, 10_000)))
				throw new Error(`adoption ${r} reached ${seen.length} editors`);
			adoptionCpu += cpuMs() - c1;
			adoption.push(...seen.map((t) => t - t1));
		}
		console.log(
			`\n${EDITORS} connected y-websocket editors, ${ADOPTIONS} adoptions (ms per editor):\n`
		);
		console.log('| event | samples | p50 ms | p95 ms | p99 ms | p95 ÷ reference | CPU ms/event |');
		console.log('| --- | --- | --- | --- | --- | --- | --- |');
		console.log(
			row(
				'plain Yjs update relayed to every editor (reference)',
				fanout,
				undefined,
				fanoutCpu / ADOPTIONS
			)
		);
		console.log(row('POST /api/polls/:id/close answered', closeAnswered));
		console.log(
			row(
				'adoption: close → merged text at every editor',
				adoption,
				fanout,
				adoptionCpu / ADOPTIONS
			)
		);
	} finally {
		collab.cleanup();
		await server.close();
	}
}

await main();
