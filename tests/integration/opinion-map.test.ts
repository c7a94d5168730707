// The carte des opinions over the real HTTP API and socket.io (issue #16): creation, moderation,
// idempotent votes, the phone's next statement, access across workshops, privacy of votes on the
// wire, the analysis, promotion into the charter and a plan, exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { readArticles } from '../../src/lib/server/charter/article-doc';
import { readActions } from '../../src/lib/server/plans/read-plan';
import type {
	NextStatement,
	OpinionAnalysis,
	OpinionMapDetail,
	OpinionMapSummary,
	StatementView
} from '../../src/lib/protocol/opinion';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { connectAs, connected } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { parseCsv } from '../helpers/csv-parse';
import { charterRoom, type ErrorBody } from './charter-fixtures';
import { composeReport } from '../../src/lib/server/report/compose';

const SEEDS = [
	'Un bon citoyen paie ses impôts locaux.',
	'Un bon citoyen participe aux réunions de quartier.',
	'Les jeunes doivent avoir une place au conseil communal.'
];

async function createMap(
	facilitator: HttpClient,
	workshopId: string,
	body: Record<string, unknown> = {}
) {
	const res = await facilitator.json<{ id: string }>(`/api/workshops/${workshopId}/opinion-maps`, {
		method: 'POST',
		json: { prompt: 'Qu’est-ce qu’un bon citoyen à Maradi ?', seeds: SEEDS, ...body }
	});
	expect(res.status).toBe(201);
	return res.body.id;
}

const vote = (client: HttpClient, mapId: string, statementId: string, v: 1 | -1 | 0) =>
	client.json<{ progress: { voted: number; total: number } } & ErrorBody>(
		`/api/opinion-maps/${mapId}/votes`,
		{ method: 'POST', json: { statementId, vote: v } }
	);

const detail = (client: HttpClient, mapId: string) =>
	client.json<OpinionMapDetail>(`/api/opinion-maps/${mapId}`);

describe('the opinion map API', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer({ app: { opinionIntervalMs: 200 } });
	});
	afterAll(() => server?.close());

	it('creates a map with seeds, lists it, and refuses bad input and non-facilitators', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const moussa = await joinedParticipant(server, workshop.code, 'Moussa');
		const mapId = await createMap(facilitator.client, workshop.id);

		const list = await moussa.client.json<OpinionMapSummary[]>(
			`/api/workshops/${workshop.id}/opinion-maps`
		);
		expect(list.status).toBe(200);
		expect(list.body).toEqual([
			expect.objectContaining({ id: mapId, moderation: 'post', open: true, statementCount: 3 })
		]);
		const seen = await detail(moussa.client, mapId);
		expect(seen.body.statements.map((s) => [s.text, s.seed, s.status])).toEqual(
			SEEDS.map((t) => [t, true, 'approved'])
		);
		// Participants never get counts.
		expect(seen.body.statements.every((s) => s.counts === undefined)).toBe(true);

		const refused = await moussa.client.json<ErrorBody>(
			`/api/workshops/${workshop.id}/opinion-maps`,
			{ method: 'POST', json: { prompt: 'Autre' } }
		);
		expect(refused.status).toBe(403);
		const empty = await facilitator.client.json<ErrorBody>(
			`/api/workshops/${workshop.id}/opinion-maps`,
			{ method: 'POST', json: { prompt: '   ' } }
		);
		expect(empty.status).toBe(400);
		expect(empty.body.error.field).toBe('prompt');

		// 140 characters (accents and emoji count one) pass, 141 do not.
		const exactly = 'é'.repeat(139) + '🙂';
		const ok = await moussa.client.json<{ statementId: string; status: string }>(
			`/api/opinion-maps/${mapId}/statements`,
			{ method: 'POST', json: { text: `  ${exactly}  ` } }
		);
		expect(ok.status).toBe(201);
		expect(ok.body.status).toBe('approved');
		const long = await moussa.client.json<ErrorBody>(`/api/opinion-maps/${mapId}/statements`, {
			method: 'POST',
			json: { text: exactly + 'x' }
		});
		expect(long.status).toBe(400);
		expect(long.body.error.field).toBe('text');
		expect(long.body.error.message).not.toBe('');
	});

	it('pre-moderation: a statement waits, only its author and facilitators see it; hide keeps it, audited', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const moussa = await joinedParticipant(server, workshop.code, 'Moussa');
		const awa = await joinedParticipant(server, workshop.code, 'Awa');
		const mapId = await createMap(facilitator.client, workshop.id, { moderation: 'pre' });

		const written = await moussa.client.json<{ statementId: string; status: string }>(
			`/api/opinion-maps/${mapId}/statements`,
			{ method: 'POST', json: { text: 'Un bon citoyen nettoie devant sa porte.' } }
		);
		expect(written.status).toBe(201);
		expect(written.body.status).toBe('pending');
		const sid = written.body.statementId;

		const mine = (await detail(moussa.client, mapId)).body.statements.find((s) => s.id === sid);
		expect(mine).toMatchObject({ status: 'pending', mine: true });
		expect((await detail(awa.client, mapId)).body.statements.some((s) => s.id === sid)).toBe(false);
		const forFacilitator = (await detail(facilitator.client, mapId)).body;
		expect(forFacilitator.statements.find((s) => s.id === sid)).toMatchObject({
			status: 'pending',
			mine: false,
			// Writing it counts as agreeing with it.
			counts: { agree: 1, disagree: 0, pass: 0 }
		});
		expect(forFacilitator.statementCount).toBe(3);

		const moderate = (client: HttpClient, action: string) =>
			client.json<StatementView & ErrorBody>(
				`/api/opinion-maps/${mapId}/statements/${sid}/moderate`,
				{ method: 'POST', json: { action } }
			);
		expect((await moderate(moussa.client, 'approve')).status).toBe(403);
		expect((await moderate(facilitator.client, 'unhide')).status).toBe(409);
		const approved = await moderate(facilitator.client, 'approve');
		expect(approved.status).toBe(200);
		expect(approved.body.status).toBe('approved');
		expect((await detail(awa.client, mapId)).body.statements.some((s) => s.id === sid)).toBe(true);

		expect((await moderate(facilitator.client, 'hide')).body.status).toBe('hidden');
		expect((await detail(awa.client, mapId)).body.statements.some((s) => s.id === sid)).toBe(false);
		expect((await detail(moussa.client, mapId)).body.statements.some((s) => s.id === sid)).toBe(
			false
		);
		// Never deleted: the facilitator still sees it, and votes on it are refused.
		expect(
			(await detail(facilitator.client, mapId)).body.statements.find((s) => s.id === sid)?.status
		).toBe('hidden');
		const onHidden = await vote(awa.client, mapId, sid, 1);
		expect(onHidden.status).toBe(409);
		expect((await moderate(facilitator.client, 'unhide')).body.status).toBe('approved');

		const audit = await server.app.audit.list(workshop.id);
		expect(
			audit.filter((a) => a.action === 'opinion.moderate').map((a) => (a.data as { to: string }).to)
		).toEqual(expect.arrayContaining(['approved', 'hidden', 'approved']));
		expect(audit.filter((a) => a.action === 'opinion.moderate')).toHaveLength(3);
	});

	it('votes are idempotent (last vote wins); next gives each statement once, then 204', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const moussa = await joinedParticipant(server, workshop.code, 'Moussa');
		const mapId = await createMap(facilitator.client, workshop.id);

		const seen: string[] = [];
		for (let i = 0; i < SEEDS.length; i++) {
			const next = await moussa.client.json<NextStatement>(`/api/opinion-maps/${mapId}/next`);
			expect(next.status).toBe(200);
			expect(next.body.progress).toEqual({ voted: i, total: 3 });
			expect(seen).not.toContain(next.body.statement.id);
			seen.push(next.body.statement.id);
			const res = await vote(moussa.client, mapId, next.body.statement.id, 1);
			expect(res.status).toBe(200);
			expect(res.body.progress).toEqual({ voted: i + 1, total: 3 });
		}
		const done = await moussa.client.request(`/api/opinion-maps/${mapId}/next`);
		expect(done.status).toBe(204);

		// Twice the same vote, then a change: one vote, the last one.
		expect((await vote(moussa.client, mapId, seen[0], 1)).body.progress.voted).toBe(3);
		expect((await vote(moussa.client, mapId, seen[0], -1)).status).toBe(200);
		const counts = (await detail(facilitator.client, mapId)).body.statements.find(
			(s) => s.id === seen[0]
		)?.counts;
		expect(counts).toEqual({ agree: 0, disagree: 1, pass: 0 });

		const bad = await moussa.client.json<ErrorBody>(`/api/opinion-maps/${mapId}/votes`, {
			method: 'POST',
			json: { statementId: seen[0], vote: 2 }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.field).toBe('vote');

		// A closed map takes no votes and offers no next statement.
		const closed = await facilitator.client.json<OpinionMapSummary>(`/api/opinion-maps/${mapId}`, {
			method: 'PATCH',
			json: { open: false }
		});
		expect(closed.body.open).toBe(false);
		expect((await vote(moussa.client, mapId, seen[1], 0)).status).toBe(409);
	});

	it('a member of another workshop gets 404 everywhere; an observer reads but does not vote', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const mapId = await createMap(facilitator.client, workshop.id);
		const statementId = (await detail(facilitator.client, mapId)).body.statements[0].id;
		const other = await workshopWithFacilitator(server);
		const stranger = await joinedParticipant(server, other.workshop.code, 'Étranger');
		for (const client of [stranger.client, other.facilitator.client]) {
			expect((await detail(client, mapId)).status).toBe(404);
			expect((await client.request(`/api/opinion-maps/${mapId}/next`)).status).toBe(404);
			expect((await client.request(`/api/opinion-maps/${mapId}/analysis`)).status).toBe(404);
			expect((await vote(client, mapId, statementId, 1)).status).toBe(404);
			expect((await client.request(`/api/opinion-maps/${mapId}/export.csv`)).status).toBe(404);
		}
		expect((await stranger.client.request(`/api/opinion-maps/not-a-uuid`)).status).toBe(404);

		const screen = await joinedParticipant(server, workshop.code, 'Projecteur');
		await facilitator.client.json(`/api/workshops/${workshop.id}/members/${screen.memberId}`, {
			method: 'PATCH',
			json: { role: 'observer' }
		});
		expect((await detail(screen.client, mapId)).status).toBe(200);
		expect((await screen.client.request(`/api/opinion-maps/${mapId}/analysis`)).status).toBe(200);
		expect((await vote(screen.client, mapId, statementId, 1)).status).toBe(403);
	});

	it('finds the groups and the consensus; a participant never receives anyone else’s votes', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const mapId = await createMap(facilitator.client, workshop.id, {
			seeds: [
				'La mairie publie son budget chaque année.',
				'Les marchés doivent fermer le vendredi.',
				'Le quartier nettoie les caniveaux ensemble.',
				'Les motos sont interdites au centre-ville.',
				'Chaque quartier élit ses délégués.',
				'Les réunions se tiennent en haoussa.',
				'Les taxes financent d’abord les écoles.',
				'Le chef de quartier décide seul.'
			]
		});
		const statements = (await detail(facilitator.client, mapId)).body.statements;
		const people = [];
		for (const name of ['Moussa', 'Awa', 'Issa', 'Fati', 'Ali', 'Mariama']) {
			people.push(await joinedParticipant(server, workshop.code, name));
		}
		// Moussa listens on a socket to everything his phone receives.
		const socket = connectAs(people[0].client);
		const raw: { event: string; payload: unknown }[] = [];
		socket.onAny((event: string, payload: unknown) => raw.push({ event, payload }));
		await connected(socket);
		expect((await socket.emitWithAck('workshop:enter', { workshopId: workshop.id })).ok).toBe(true);

		// Two camps: statements 0, 2, 4 everyone agrees; 1, 3, 5 camp A agrees and B disagrees;
		// 6, 7 the reverse.
		// Six phones at once, each voting in order.
		await Promise.all(
			people.map(async (person, i) => {
				const campA = i < 3;
				for (const [j, s] of statements.entries()) {
					const v = j % 2 === 0 && j < 6 ? 1 : j < 6 ? (campA ? 1 : -1) : campA ? -1 : 1;
					expect((await vote(person.client, mapId, s.id, v)).status).toBe(200);
				}
			})
		);
		await waitFor(() => raw.some((r) => r.event === 'opinion:analysis'));
		const analysisOf = async (client: HttpClient) => {
			let body: OpinionAnalysis | null = null;
			await waitFor(
				async () => {
					const res = await client.json<OpinionAnalysis>(`/api/opinion-maps/${mapId}/analysis`);
					body = res.body;
					return res.body.placed === 6;
				},
				10_000,
				{ intervalMs: 100 }
			);
			return body!;
		};
		const mine = await analysisOf(people[0].client);
		expect(mine.participants).toBe(6);
		expect(mine.groups.map((g) => g.size).sort()).toEqual([3, 3]);
		expect(mine.consensus.map((c) => c.text).sort()).toEqual(
			[statements[0].text, statements[2].text, statements[4].text].sort()
		);
		// Exactly one point is "you" for each caller.
		expect(mine.points.filter((p) => p.you)).toHaveLength(1);
		const awas = await analysisOf(people[1].client);
		expect(awas.points.filter((p) => p.you)).toHaveLength(1);
		// Inclusion: groups of 3 show nothing but their size.
		expect(mine.groups[0].inclusion).toEqual({ women: '<5', under35: '<5', size: 3 });

		// Nothing Moussa received names another member or carries a vote.
		const others = people.slice(1).map((p) => p.memberId);
		const wire = JSON.stringify(raw) + JSON.stringify(mine);
		for (const id of others) expect(wire).not.toContain(id);
		expect(wire).not.toMatch(/"vote"|memberId|userId/);
		expect(raw.map((r) => r.event)).toEqual(expect.arrayContaining(['opinion:analysis']));
		for (const r of raw.filter((r) => r.event.startsWith('opinion:')))
			expect(Object.keys(r.payload as object).sort()).toEqual(
				r.event === 'opinion:analysis' ? ['mapId', 'version'] : ['mapId', 'statementCount']
			);
		socket.close();

		// The procès-verbal prints the map: its groups and the consensus statements.
		const facts = await server.app.report.data(facilitator.user, workshop.id);
		expect(facts.opinionMaps?.[0]?.consensus).toHaveLength(3);
		const items = composeReport(facts).items;
		const at = items.findIndex((i) => i.kind === 'heading' && i.text === 'Carte des opinions');
		expect(at).toBeGreaterThan(-1);
		const tables = items.slice(at).filter((i) => i.kind === 'table');
		expect(JSON.stringify(tables)).toContain(statements[0].text);
		expect(items.slice(at)).toContainEqual({
			kind: 'paragraph',
			text: '6 personnes ont voté · 6 placées sur la carte · 8 phrases'
		});
	});

	it('turns a statement into a charter article, an amendment and a plan action (audited, source kept); exports', async () => {
		const room = await charterRoom(server, 1);
		const { workshop, facilitator, documentId, ids } = room;
		const mapId = await createMap(facilitator.client, workshop.id);
		const [first, second, third] = (await detail(facilitator.client, mapId)).body.statements;
		const plan = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'action_plan', title: 'Plan d’action' } }
		);
		expect(plan.status).toBe(201);

		const promote = (client: HttpClient, sid: string, body: Record<string, unknown>) =>
			client.json<{ kind: string; id: string } & ErrorBody>(
				`/api/opinion-maps/${mapId}/statements/${sid}/promote`,
				{ method: 'POST', json: body }
			);
		expect(
			(await promote(room.people[0].client, first.id, { to: 'article', documentId })).status
		).toBe(403);
		const wrongTarget = await promote(facilitator.client, first.id, {
			to: 'article',
			documentId: plan.body.id
		});
		expect(wrongTarget.status).toBe(400);
		expect(wrongTarget.body.error.field).toBe('documentId');

		const article = await promote(facilitator.client, first.id, { to: 'article', documentId });
		expect(article.status).toBe(201);
		expect(article.body.kind).toBe('article');
		const articles = readArticles(await server.app.liveDocuments.getDoc(documentId));
		expect(articles.find((a) => a.articleId === article.body.id)?.text).toBe(first.text);

		const amendment = await promote(facilitator.client, second.id, {
			to: 'amendment',
			documentId,
			articleId: ids[1]
		});
		expect(amendment.status).toBe(201);
		const amendments = await facilitator.client.json<
			{ amendmentId?: string; id?: string; text: string }[]
		>(`/api/documents/${documentId}/amendments?articleId=${ids[1]}`);
		expect(JSON.stringify(amendments.body)).toContain(second.text);

		const action = await promote(facilitator.client, third.id, {
			to: 'action',
			planId: plan.body.id
		});
		expect(action.status).toBe(201);
		const actions = readActions(await server.app.liveDocuments.getDoc(plan.body.id));
		expect(actions.find((a) => a.id === action.body.id)?.title).toBe(third.text);

		const audit = (await server.app.audit.list(workshop.id)).filter(
			(a) => a.action === 'opinion.promote'
		);
		expect(audit.map((a) => (a.data as { kind: string }).kind).sort()).toEqual([
			'action',
			'amendment',
			'article'
		]);

		// Exports: facilitators only; the source statement says where it went.
		await vote(room.people[0].client, mapId, first.id, 1);
		const json = await facilitator.client.json<{
			statements: { id: string; counts: { agree: number }; promotions: { kind: string }[] }[];
		}>(`/api/opinion-maps/${mapId}/export.json`);
		expect(json.status).toBe(200);
		const exported = json.body.statements.find((s) => s.id === first.id)!;
		expect(exported.counts.agree).toBe(1);
		expect(exported.promotions.map((p) => p.kind)).toEqual(['article']);
		const csv = await facilitator.client.request(`/api/opinion-maps/${mapId}/export.csv`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const rows = parseCsv(await csv.text());
		expect(rows[0].slice(0, 9)).toEqual([
			'statement_id',
			'text',
			'status',
			'seed',
			'consensus',
			'divisive',
			'agree',
			'disagree',
			'pass'
		]);
		expect(rows.find((r) => r[0] === first.id)?.[6]).toBe('1');
		expect(
			(await room.people[0].client.request(`/api/opinion-maps/${mapId}/export.csv`)).status
		).toBe(403);
	});
});
