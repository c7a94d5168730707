import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import { articleBodyText } from '../../src/lib/server/charter/article-doc';
import { createInclusionRepository } from '../../src/lib/server/repositories/inclusion';
import { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';
import { observerOf } from '../realtime/documents-fixtures';
import {
	amendmentStatus,
	amendmentsOf,
	castConsent,
	charterRoom,
	closePoll,
	liveArticle,
	propose,
	putToVote,
	type ErrorBody
} from './charter-fixtures';

/** The text before (equal + removed) and after (equal + added) a word diff. */
function sides(diff: { op: string; text: string }[]) {
	const join = (skip: string) =>
		diff
			.filter((p) => p.op !== skip)
			.map((p) => p.text)
			.join('');
	return { before: join('added'), after: join('removed') };
}

type ArticleJson = {
	articleId: string;
	number: number | null;
	title: string;
	status: string;
	text: string;
	amendments: number;
};

describe('the charter API, article by article', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	it('lists the articles in order, the préambule unnumbered, each with its status and amendment count', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 1);
		await propose(people[0].client, documentId, ids[2], {
			kind: 'add',
			text: 'Les comptes rendus sont affichés à la mairie.'
		});
		const res = await people[0].client.json<ArticleJson[]>(`/api/documents/${documentId}/articles`);
		expect(res.status).toBe(200);
		expect(res.body.map((a) => [a.number, a.title, a.status, a.amendments])).toEqual([
			[null, 'Préambule', 'draft', 0],
			[1, 'Objet de la charte', 'draft', 0],
			[2, 'Participation', 'draft', 1],
			[3, 'Suivi', 'draft', 0]
		]);
		expect(res.body[2].text).toBe(
			'La commune organise une concertation publique par trimestre.\nChaque quartier désigne deux délégués.'
		);
		const facilitatorView = await facilitator.client.json<ArticleJson[]>(
			`/api/documents/${documentId}/articles`
		);
		expect(facilitatorView.body).toEqual(res.body);
	});

	it('takes each kind of amendment with its word diff against the live text', async () => {
		const { documentId, people, ids } = await charterRoom(server, 1);
		const phone = people[0].client;
		const replace = await propose(phone, documentId, ids[2], {
			kind: 'replace',
			passage: 'une concertation publique par trimestre',
			text: 'deux concertations publiques par trimestre',
			justification: 'Une par trimestre ne suffit pas.'
		});
		expect(replace.status).toBe(201);
		expect(replace.body.status).toBe('proposed');
		expect(sides(replace.body.diff)).toEqual({
			before:
				'La commune organise une concertation publique par trimestre.\nChaque quartier désigne deux délégués.',
			after:
				'La commune organise deux concertations publiques par trimestre.\nChaque quartier désigne deux délégués.'
		});
		expect(replace.body.diff).toContainEqual({ op: 'added', text: 'deux concertations publiques' });

		const add = await propose(phone, documentId, ids[2], {
			kind: 'add',
			passage: 'Chaque quartier désigne deux délégués.',
			text: 'Les délégués sont élus pour un an.'
		});
		expect(add.status).toBe(201);
		expect(sides(add.body.diff).after).toBe(
			'La commune organise une concertation publique par trimestre.\nChaque quartier désigne deux délégués. Les délégués sont élus pour un an.'
		);

		const addAtEnd = await propose(phone, documentId, ids[3], {
			kind: 'add',
			text: 'Le rapport est public.'
		});
		expect(addAtEnd.status).toBe(201);
		expect(sides(addAtEnd.body.diff).after).toBe(
			'Un comité de suivi rend compte chaque année.\nLe rapport est public.'
		);

		const remove = await propose(phone, documentId, ids[1], {
			kind: 'delete',
			passage: ' et de la commune'
		});
		expect(remove.status).toBe(201);
		expect(sides(remove.body.diff).after).toBe(
			'La présente charte fixe les engagements communs des citoyens.'
		);

		const rewrite = await propose(phone, documentId, ids[0], {
			kind: 'rewrite',
			text: 'Nous, citoyennes et citoyens de Maradi, adoptons cette charte.'
		});
		expect(rewrite.status).toBe(201);
		expect(sides(rewrite.body.diff).after).toBe(
			'Nous, citoyennes et citoyens de Maradi, adoptons cette charte.'
		);

		const listed = await amendmentsOf(phone, documentId, ids[2]);
		expect(listed.map((a) => a.kind)).toEqual(['replace', 'add']);
		expect(listed[0]).toMatchObject({
			articleId: ids[2],
			passage: 'une concertation publique par trimestre',
			justification: 'Une par trimestre ne suffit pas.',
			author: 'Moussa',
			mine: true,
			supporters: 0,
			status: 'proposed'
		});
		// The text itself does not change until a vote adopts an amendment.
		expect((await liveArticle(server, documentId, ids[2])).text).toContain(
			'une concertation publique par trimestre'
		);
	});

	it('refuses a passage that is not in the article with a 400 on `passage`, translated', async () => {
		const { documentId, people, ids } = await charterRoom(server, 1);
		const res = await propose(people[0].client, documentId, ids[1], {
			kind: 'replace',
			passage: 'un texte qui n’y figure pas',
			text: 'autre chose'
		});
		expect(res.status).toBe(400);
		expect(res.body.error).toMatchObject({ code: 'validation', field: 'passage' });
		expect(res.body.error.message).toBe(
			'Ce passage ne figure pas dans l’article tel qu’il est écrit maintenant.'
		);
		// Joining set the language cookie (French): the member switches to English.
		people[0].client.setCookie('palabre_lang', 'en');
		const english = await people[0].client.json<ErrorBody>(
			`/api/documents/${documentId}/articles/${ids[1]}/amendments`,
			{ method: 'POST', json: { kind: 'delete', passage: 'de' } }
		);
		people[0].client.setCookie('palabre_lang', 'fr');
		expect(english.status).toBe(400);
		expect(english.body.error.field).toBe('passage');
		expect(english.body.error.message).toBe(
			'This passage appears more than once in the article: pick a longer one.'
		);
	});

	it('counts a supporter once, lets them take it back, and refuses supporting one’s own', async () => {
		const { documentId, people, ids } = await charterRoom(server, 2);
		const [moussa, awa] = people;
		const { body } = await propose(moussa.client, documentId, ids[3], {
			kind: 'add',
			text: 'Le rapport est public.'
		});
		const url = `/api/amendments/${body.amendmentId}/support`;
		expect((await awa.client.json(url, { method: 'POST' })).body).toEqual({
			amendmentId: body.amendmentId,
			supporters: 1,
			supported: true
		});
		expect((await awa.client.json(url, { method: 'POST' })).body).toMatchObject({ supporters: 1 });
		const own = await moussa.client.json<ErrorBody>(url, { method: 'POST' });
		expect(own.status).toBe(409);
		expect(own.body.error.reason).toBe('charter_support_own');
		const listed = await amendmentsOf(awa.client, documentId, ids[3]);
		expect(listed[0]).toMatchObject({ supporters: 1, supported: true, mine: false });
		expect((await awa.client.json(url, { method: 'DELETE' })).body).toMatchObject({
			supporters: 0,
			supported: false
		});
	});

	it('lets the author or a facilitator withdraw, nobody else, and not twice', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const [moussa, awa] = people;
		const first = await propose(moussa.client, documentId, ids[3], { kind: 'add', text: 'A.' });
		const second = await propose(moussa.client, documentId, ids[3], { kind: 'add', text: 'B.' });
		const withdraw = (client: HttpClient, id: string) =>
			client.json<{ status: string } & ErrorBody>(`/api/amendments/${id}/withdraw`, {
				method: 'POST'
			});
		expect((await withdraw(awa.client, first.body.amendmentId)).status).toBe(403);
		const byAuthor = await withdraw(moussa.client, first.body.amendmentId);
		expect(byAuthor.status).toBe(200);
		expect(byAuthor.body.status).toBe('withdrawn');
		expect((await withdraw(moussa.client, first.body.amendmentId)).status).toBe(409);
		expect((await withdraw(facilitator.client, second.body.amendmentId)).body.status).toBe(
			'withdrawn'
		);
		const audit = await server.app.audit.list(
			(await server.app.documents.get(facilitator.user, documentId)).workshop.id
		);
		expect(audit.filter((a) => a.action === 'charter.amendment_withdraw')).toHaveLength(2);
	});

	it('merges an adopted amendment into the text exactly once, and credits its author', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const [moussa, awa] = people;
		const { body } = await propose(moussa.client, documentId, ids[2], {
			kind: 'replace',
			passage: 'une concertation publique par trimestre',
			text: 'deux concertations publiques par trimestre'
		});
		const pollId = await putToVote(facilitator.client, documentId, ids[2], {
			amendmentId: body.amendmentId
		});
		const poll = await awa.client.json<{
			question: string;
			method: string;
			status: string;
			settings: { secret: boolean };
		}>(`/api/polls/${pollId}`);
		expect(poll.body).toMatchObject({
			question: 'Adoptez-vous l’amendement de Moussa à l’article 2\u202f?',
			method: 'consent',
			status: 'open',
			settings: { secret: true }
		});
		expect((await amendmentsOf(awa.client, documentId))[0].status).toBe('voting');
		await castConsent(people, pollId, ['for', 'for']);
		await closePoll(facilitator.client, pollId);
		await amendmentStatus(awa.client, documentId, body.amendmentId, 'adopted');

		const expected =
			'La commune organise deux concertations publiques par trimestre.\nChaque quartier désigne deux délégués.';
		const doc = await server.app.liveDocuments.getDoc(documentId);
		expect(articleBodyText(doc, ids[2])).toBe(expected);
		// A second notice of the same closed poll, and a restart's restore, change nothing.
		const state = Y.encodeStateAsUpdate(doc);
		server.app.events.emit('poll.changed', { workshopId: '', pollId });
		await server.app.charter.restore();
		await closePoll(facilitator.client, pollId).catch(() => undefined);
		expect(articleBodyText(doc, ids[2])).toBe(expected);
		expect(Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(state))).toBe(true);
		// Moussa never opened the editor, but his words are in the text: he wrote, for inclusion.
		const writers = await createInclusionRepository(server.app.database.db).writerIds(
			moussa.workshopId
		);
		expect([...writers]).toEqual([moussa.memberId]);

		// The article adopted afterwards credits Moussa as a co-author, with its tally.
		const articlePoll = await putToVote(facilitator.client, documentId, ids[2]);
		await castConsent(people, articlePoll, ['for', 'abstain']);
		await closePoll(facilitator.client, articlePoll);
		await waitForArticle(awa.client, documentId, ids[2], 'adopted');
		const consolidated = await awa.client.json<{
			articles: {
				number: number;
				title: string;
				text: string;
				votes: unknown;
				coAuthors: string[];
			}[];
			amendments: {
				author: string | null;
				status: string;
				votes: unknown;
				articleNumber: number | null;
			}[];
		}>(`/api/documents/${documentId}/consolidated`);
		expect(consolidated.status).toBe(200);
		expect(consolidated.body.articles).toHaveLength(1);
		expect(consolidated.body.articles[0]).toMatchObject({
			number: 1,
			title: 'Participation',
			text: expected,
			votes: { for: 1, against: 0, abstain: 1 },
			coAuthors: ['Moussa']
		});
		expect(consolidated.body.amendments).toEqual([
			expect.objectContaining({
				author: 'Moussa',
				status: 'adopted',
				articleNumber: 1,
				votes: { for: 2, against: 0, abstain: 0 }
			})
		]);
	});

	async function waitForArticle(
		client: HttpClient,
		documentId: string,
		articleId: string,
		status: string
	) {
		const { waitFor } = await import('../helpers/wait-for');
		return waitFor(
			async () =>
				(await client.json<ArticleJson[]>(`/api/documents/${documentId}/articles`)).body.find(
					(a) => a.articleId === articleId
				)?.status === status,
			5_000,
			{ description: `article ${status}` }
		);
	}

	it('adopts an article by vote and locks it: the mirror says adopted, amendments are refused, a reopen is audited', async () => {
		const { facilitator, documentId, people, ids, workshop } = await charterRoom(server, 2);
		const pollId = await putToVote(facilitator.client, documentId, ids[1]);
		expect((await liveArticle(server, documentId, ids[1])).status).toBe('voting');
		await castConsent(people, pollId, ['for', 'against']);
		await closePoll(facilitator.client, pollId);
		// One for, one against: not a majority. The article is rejected, not locked.
		await waitForArticle(facilitator.client, documentId, ids[1], 'rejected');

		const second = await putToVote(facilitator.client, documentId, ids[1]);
		await castConsent(people, second, ['for', 'for']);
		await closePoll(facilitator.client, second);
		await waitForArticle(facilitator.client, documentId, ids[1], 'adopted');
		expect((await liveArticle(server, documentId, ids[1])).status).toBe('adopted');

		const refused = await propose(people[0].client, documentId, ids[1], {
			kind: 'add',
			text: 'Encore.'
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error.reason).toBe('charter_article_adopted');
		const again = await facilitator.client.json<ErrorBody>(
			`/api/documents/${documentId}/articles/${ids[1]}/vote`,
			{ method: 'POST', json: {} }
		);
		expect(again.status).toBe(409);

		const reopen = await facilitator.client.json<ArticleJson>(
			`/api/documents/${documentId}/articles/${ids[1]}`,
			{ method: 'PATCH', json: { status: 'discussion' } }
		);
		expect(reopen.status).toBe(200);
		expect(reopen.body.status).toBe('discussion');
		expect((await liveArticle(server, documentId, ids[1])).status).toBe('discussion');
		const audit = await server.app.audit.list(workshop.id);
		expect(audit.find((a) => a.action === 'charter.article_reopen')).toMatchObject({
			data: { articleId: ids[1], from: 'adopted', to: 'discussion' }
		});
		const participantPatch = await people[0].client.json(
			`/api/documents/${documentId}/articles/${ids[1]}`,
			{ method: 'PATCH', json: { status: 'draft' } }
		);
		expect(participantPatch.status).toBe(403);
	});

	it('leaves the Y.Doc byte-identical when an amendment is rejected', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const { body } = await propose(people[0].client, documentId, ids[3], {
			kind: 'delete',
			passage: 'chaque année'
		});
		const doc = await server.app.liveDocuments.getDoc(documentId);
		const before = Y.encodeStateAsUpdate(doc);
		const pollId = await putToVote(facilitator.client, documentId, ids[3], {
			amendmentId: body.amendmentId
		});
		await castConsent(people, pollId, ['against', 'against']);
		await closePoll(facilitator.client, pollId);
		await amendmentStatus(facilitator.client, documentId, body.amendmentId, 'rejected');
		const after = Y.encodeStateAsUpdate(await server.app.liveDocuments.getDoc(documentId));
		expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
	});

	it('marks an amendment stale once its passage is edited, refuses to vote it, and lets its author re-anchor it', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 1);
		const phone = people[0].client;
		const { body } = await propose(phone, documentId, ids[3], {
			kind: 'replace',
			passage: 'chaque année',
			text: 'chaque semestre'
		});
		await server.app.liveDocuments.editDoc(documentId, (doc) => {
			// Someone types in the passage itself: "chaque année" becomes "chaque nouvelle année".
			const article = doc
				.getXmlFragment('default')
				.toArray()
				.find(
					(n) => n instanceof Y.XmlElement && n.getAttribute('articleId') === ids[3]
				) as Y.XmlElement;
			const paragraph = article.get(1) as Y.XmlElement;
			const text = paragraph.get(0) as Y.XmlText;
			const at = text.toString().indexOf('année');
			text.insert(at, 'nouvelle ');
		});
		const [stale] = await amendmentsOf(phone, documentId, ids[3]);
		expect(stale).toMatchObject({ status: 'stale', currentPassage: 'chaque nouvelle année' });
		const vote = await facilitator.client.json<ErrorBody>(
			`/api/documents/${documentId}/articles/${ids[3]}/vote`,
			{ method: 'POST', json: { amendmentId: body.amendmentId } }
		);
		expect(vote.status).toBe(409);
		expect(vote.body.error.reason).toBe('charter_amendment_stale');

		const updated = await phone.json<{ status: string }>(`/api/amendments/${body.amendmentId}`, {
			method: 'PATCH',
			json: { passage: 'chaque nouvelle année' }
		});
		expect(updated.status).toBe(200);
		expect(updated.body.status).toBe('proposed');
	});

	it('lets observers read but not propose (403)', async () => {
		const setup = await charterRoom(server, 0);
		const observer = await observerOf(server, {
			workshop: setup.workshop,
			facilitator: setup.facilitator,
			documentId: setup.documentId
		});
		const list = await observer.client.json(`/api/documents/${setup.documentId}/articles`);
		expect(list.status).toBe(200);
		const res = await propose(observer.client, setup.documentId, setup.ids[1], {
			kind: 'add',
			text: 'Un ajout.'
		});
		expect(res.status).toBe(403);
	});

	it('answers 404 on every route to a member of another workshop, and to nobody', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 1);
		const { body } = await propose(people[0].client, documentId, ids[3], {
			kind: 'add',
			text: 'X.'
		});
		const other = await workshopWithFacilitator(server);
		const stranger = await joinedParticipant(server, other.workshop.code, 'Étranger');
		const anonymous = new HttpClient(server.url);
		const routes: [string, string, unknown?][] = [
			['GET', `/api/documents/${documentId}/articles`],
			['PATCH', `/api/documents/${documentId}/articles/${ids[1]}`, { status: 'discussion' }],
			[
				'POST',
				`/api/documents/${documentId}/articles/${ids[1]}/amendments`,
				{ kind: 'add', text: 'Y.' }
			],
			['GET', `/api/documents/${documentId}/amendments`],
			['POST', `/api/amendments/${body.amendmentId}/support`],
			['DELETE', `/api/amendments/${body.amendmentId}/support`],
			['POST', `/api/amendments/${body.amendmentId}/withdraw`],
			['PATCH', `/api/amendments/${body.amendmentId}`, { text: 'Z.' }],
			['POST', `/api/documents/${documentId}/articles/${ids[1]}/vote`, {}],
			['POST', `/api/documents/${documentId}/articles/${ids[1]}/vote-sequence`, {}],
			['GET', `/api/documents/${documentId}/charter-settings`],
			['PUT', `/api/documents/${documentId}/charter-settings`, { majority: 'two_thirds' }],
			['POST', `/api/documents/${documentId}/articles/structure`],
			['POST', `/api/documents/${documentId}/publish-charter`, { published: true }],
			['GET', `/api/documents/${documentId}/consolidated`]
		];
		for (const [method, path, json] of routes) {
			for (const [who, client] of [
				['stranger', stranger.client],
				['other facilitator', other.facilitator.client]
			] as const) {
				const res = await client.json(path, { method, ...(json === undefined ? {} : { json }) });
				expect(res.status, `${who} ${method} ${path}`).toBe(404);
			}
		}
		const consolidated = await anonymous.json(`/api/documents/${documentId}/consolidated`);
		expect(consolidated.status).toBe(404);
		// Published, the consolidated charter is public; the rest stays closed.
		const published = await facilitator.client.json(
			`/api/documents/${documentId}/publish-charter`,
			{
				method: 'POST',
				json: { published: true }
			}
		);
		expect(published.status).toBe(200);
		expect((await anonymous.json(`/api/documents/${documentId}/consolidated`)).status).toBe(200);
		expect((await stranger.client.json(`/api/documents/${documentId}/articles`)).status).toBe(404);
	});

	it('refuses garbage and oversized input with a translated 400 naming the field', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 1);
		const phone = people[0].client;
		const cases: [unknown, string][] = [
			[{ kind: 'paraphrase', text: 'x' }, 'kind'],
			[{ kind: 'replace', text: 'x' }, 'passage'],
			[{ kind: 'delete', passage: 'la présente charte', text: 'x' }, 'text'],
			[{ kind: 'rewrite', text: 'x'.repeat(10_001) }, 'text'],
			[{ kind: 'replace', passage: 'p'.repeat(2_001), text: 'x' }, 'passage'],
			[{ kind: 'add', text: 'x', justification: 'j'.repeat(1_001) }, 'justification'],
			[{ kind: 'add', text: 'x', anonymous: true }, 'anonymous'],
			[{ kind: 'add', text: 'nul\u0000' }, 'text'],
			[[1, 2, 3], 'body'],
			['chaîne', 'body']
		];
		for (const [json, field] of cases) {
			const res = await propose(phone, documentId, ids[1], json as Record<string, unknown>);
			expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(400);
			expect(res.body.error.field, JSON.stringify(json).slice(0, 80)).toBe(field);
			expect(res.body.error.message).not.toMatch(/^error_|^charter_/);
		}
		const notJson = await phone.request(
			`/api/documents/${documentId}/articles/${ids[1]}/amendments`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"kind":'
			}
		);
		expect(notJson.status).toBe(400);
		const badVote = await facilitator.client.json<ErrorBody>(
			`/api/documents/${documentId}/articles/${ids[1]}/vote`,
			{ method: 'POST', json: { majority: 'unanimity' }, headers: { 'accept-language': 'en' } }
		);
		expect(badVote.status).toBe(400);
		expect(badVote.body.error).toMatchObject({
			field: 'majority',
			message: 'Invalid field: majority.'
		});
		const badStatus = await facilitator.client.json<ErrorBody>(
			`/api/documents/${documentId}/articles/${ids[1]}`,
			{ method: 'PATCH', json: { status: 'voting' } }
		);
		expect(badStatus.status).toBe(400);
		const unknownArticle = await propose(phone, documentId, 'pas-un-article', {
			kind: 'add',
			text: 'x'
		});
		expect(unknownArticle.status).toBe(404);
		const badSettings = await facilitator.client.json<ErrorBody>(
			`/api/documents/${documentId}/charter-settings`,
			{ method: 'PUT', json: { quorum: -3 } }
		);
		expect(badSettings.body.error.field).toBe('quorum');
	});
});
