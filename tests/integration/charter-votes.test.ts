import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { articleBodyText } from '../../src/lib/server/charter/article-doc';
import { appendBlocks } from '../../src/lib/server/documents/document-writer';
import { fragmentOf } from '../../src/lib/server/documents/document-tree';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import {
	amendmentStatus,
	amendmentsOf,
	castConsent,
	charterRoom,
	closePoll,
	paragraph,
	propose,
	putToVote,
	type ErrorBody
} from './charter-fixtures';

type PollJson = {
	status: string;
	question: string;
	settings: { requiredMajority: string; quorum: unknown; secret: boolean };
};

describe('charter votes: sequences, agenda rounds, settings, structure', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	it('votes the amendments one by one, then the article, each opening when the previous is decided', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const [moussa, awa] = people;
		const articleId = ids[2];
		const first = await propose(moussa.client, documentId, articleId, {
			kind: 'replace',
			passage: 'une concertation publique',
			text: 'deux concertations publiques'
		});
		const second = await propose(awa.client, documentId, articleId, {
			kind: 'delete',
			passage: ' deux délégués'
		});
		const res = await facilitator.client.json<{ pollIds: string[] }>(
			`/api/documents/${documentId}/articles/${articleId}/vote-sequence`,
			{ method: 'POST', json: {} }
		);
		expect(res.status).toBe(201);
		const [p1, p2, p3] = res.body.pollIds;
		expect(res.body.pollIds).toHaveLength(3);
		const status = async (pollId: string) =>
			(await facilitator.client.json<PollJson>(`/api/polls/${pollId}`)).body.status;
		expect([await status(p1), await status(p2), await status(p3)]).toEqual([
			'open',
			'draft',
			'draft'
		]);
		expect((await facilitator.client.json<PollJson>(`/api/polls/${p3}`)).body.question).toBe(
			'Adoptez-vous l’article 2 — Participation\u202f?'
		);

		await castConsent(people, p1, ['for', 'for']);
		await closePoll(facilitator.client, p1);
		await waitFor(async () => (await status(p2)) === 'open', 5_000, {
			description: 'the second vote opens by itself'
		});
		await castConsent(people, p2, ['against', 'against']);
		await closePoll(facilitator.client, p2);
		await waitFor(async () => (await status(p3)) === 'open', 5_000, {
			description: 'the article vote opens by itself'
		});
		await castConsent(people, p3, ['for', 'for']);
		await closePoll(facilitator.client, p3);
		await waitFor(
			async () =>
				(
					await facilitator.client.json<{ articleId: string; status: string }[]>(
						`/api/documents/${documentId}/articles`
					)
				).body.find((a) => a.articleId === articleId)?.status === 'adopted',
			5_000,
			{ description: 'the article is adopted' }
		);
		const statuses = (await amendmentsOf(facilitator.client, documentId, articleId)).map(
			(a) => a.status
		);
		expect(statuses).toEqual(['adopted', 'rejected']);
		expect(articleBodyText(await server.app.liveDocuments.getDoc(documentId), articleId)).toBe(
			'La commune organise deux concertations publiques par trimestre.\nChaque quartier désigne deux délégués.'
		);
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
	});

	it('links an agenda round to the poll so phones follow it; an unknown round is refused before any poll', async () => {
		const { facilitator, documentId, ids, workshop } = await charterRoom(server, 1);
		const put = await facilitator.client.json<{ items: { id: string }[] }>(
			`/api/workshops/${workshop.id}/agenda`,
			{
				method: 'PUT',
				json: [
					{ title: 'Vote de l’article 1', kind: 'vote', durationSeconds: 300 },
					{ title: 'Pause', kind: 'break', durationSeconds: 600 }
				]
			}
		);
		expect(put.status).toBe(200);
		const roundId = put.body.items[0].id;
		const unknown = await facilitator.client.json<ErrorBody>(
			`/api/documents/${documentId}/articles/${ids[1]}/vote`,
			{ method: 'POST', json: { roundId: 'pas-une-manche' } }
		);
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.field).toBe('roundId');
		const polls = await facilitator.client.json<unknown[]>(`/api/workshops/${workshop.id}/polls`);
		expect(polls.body).toEqual([]);

		const pollId = await putToVote(facilitator.client, documentId, ids[1], { roundId });
		const agenda = await facilitator.client.json<{ items: { id: string; linked?: unknown }[] }>(
			`/api/workshops/${workshop.id}/agenda`
		);
		expect(agenda.body.items[0].linked).toEqual({ type: 'poll', id: pollId });
		expect(agenda.body.items[1].linked).toBeUndefined();
	});

	it('applies the workshop’s majority, quorum and anonymity settings to votes and amendments', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const url = `/api/documents/${documentId}/charter-settings`;
		expect((await people[0].client.json(url)).body).toEqual({
			majority: 'simple',
			quorum: null,
			allowAnonymous: false,
			publishedAt: null
		});
		expect((await people[0].client.json(url, { method: 'PUT', json: { quorum: 2 } })).status).toBe(
			403
		);
		const put = await facilitator.client.json(url, {
			method: 'PUT',
			json: { majority: 'two_thirds', quorum: 3, allowAnonymous: true }
		});
		expect(put.body).toEqual({
			majority: 'two_thirds',
			quorum: 3,
			allowAnonymous: true,
			publishedAt: null
		});
		const anonymous = await propose(people[0].client, documentId, ids[3], {
			kind: 'add',
			text: 'Le rapport est public.',
			anonymous: true
		});
		expect(anonymous.status).toBe(201);
		const [listed] = await amendmentsOf(people[1].client, documentId, ids[3]);
		expect(listed).toMatchObject({ author: null, mine: false });
		expect((await amendmentsOf(people[0].client, documentId, ids[3]))[0].mine).toBe(true);

		const pollId = await putToVote(facilitator.client, documentId, ids[3], {
			amendmentId: anonymous.body.amendmentId
		});
		const poll = await facilitator.client.json<PollJson>(`/api/polls/${pollId}`);
		expect(poll.body.question).toBe('Adoptez-vous l’amendement anonyme à l’article 3\u202f?');
		expect(poll.body.settings).toMatchObject({
			requiredMajority: 'two_thirds',
			quorum: { kind: 'ballots', min: 3 },
			secret: true
		});
		// Two ballots for, but the quorum is three: rejected, the text untouched.
		await castConsent(people, pollId, ['for', 'for']);
		await closePoll(facilitator.client, pollId);
		await amendmentStatus(facilitator.client, documentId, anonymous.body.amendmentId, 'rejected');
	});

	it('structures a free charter into articles once, for the facilitator only', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'charter', title: 'Charte libre' } }
		);
		const documentId = created.body.id;
		await server.app.liveDocuments.editDoc(documentId, (doc) =>
			appendBlocks(fragmentOf(doc), [
				paragraph('Nous adoptons cette charte.'),
				{ type: 'heading', level: 2, content: [{ text: 'Article 1 — Objet', marks: {} }] },
				paragraph('La charte fixe nos engagements.'),
				{ type: 'heading', level: 2, content: [{ text: 'Article 2 — Suivi', marks: {} }] },
				paragraph('Un comité suit la charte.')
			])
		);
		const url = `/api/documents/${documentId}/articles/structure`;
		const res = await facilitator.client.json<{
			structured: boolean;
			articles: { number: number | null; title: string; text: string }[];
		}>(url, { method: 'POST' });
		expect(res.status).toBe(200);
		expect(res.body.structured).toBe(true);
		expect(res.body.articles.map((a) => [a.number, a.title, a.text])).toEqual([
			[null, expect.any(String), 'Nous adoptons cette charte.'],
			[1, 'Objet', 'La charte fixe nos engagements.'],
			[2, 'Suivi', 'Un comité suit la charte.']
		]);
		const again = await facilitator.client.json<{ structured: boolean }>(url, { method: 'POST' });
		expect(again.body.structured).toBe(false);
	});

	it('puts an article to the vote once when two clicks race', async () => {
		const { facilitator, documentId, ids } = await charterRoom(server, 0);
		const click = () =>
			facilitator.client.json<ErrorBody>(`/api/documents/${documentId}/articles/${ids[2]}/vote`, {
				method: 'POST',
				json: {}
			});
		const answers = await Promise.all([click(), click(), click()]);
		expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
		for (const refused of answers.filter((a) => a.status === 409))
			expect(refused.body.error.reason).toBe('charter_vote_pending');
	});

	// Last in the file: it stops this server's outcome listener.
	it('applies at restore a vote that closed while nobody listened for its outcome', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const { body } = await propose(people[0].client, documentId, ids[3], {
			kind: 'replace',
			passage: 'chaque année',
			text: 'chaque semestre'
		});
		const pollId = await putToVote(facilitator.client, documentId, ids[3], {
			amendmentId: body.amendmentId
		});
		await castConsent(people, pollId, ['for', 'for']);
		// As if the server stopped between the close and the outcome.
		server.app.charter.close();
		await closePoll(facilitator.client, pollId);
		const [waiting] = await amendmentsOf(facilitator.client, documentId, ids[3]);
		expect(waiting.status).toBe('voting');
		await server.app.charter.restore();
		await amendmentStatus(facilitator.client, documentId, body.amendmentId, 'adopted');
		const doc = await server.app.liveDocuments.getDoc(documentId);
		expect(articleBodyText(doc, ids[3])).toBe('Un comité de suivi rend compte chaque semestre.');
		await server.app.charter.restore();
		expect(articleBodyText(doc, ids[3])).toBe('Un comité de suivi rend compte chaque semestre.');
	});
});
