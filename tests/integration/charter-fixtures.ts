// A charter voted article by article, set up for the API tests: a workshop with a facilitator and
// participants, a charter whose préambule and three articles the server writes into the live
// Y.Doc, and the steps of a vote (open through the charter API, ballots as phones cast them).
import { expect } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { Block } from '../../src/lib/server/documents/document-tree';
import { articleNodes, readArticles } from '../../src/lib/server/charter/article-doc';
import { fragmentOf } from '../../src/lib/server/documents/document-tree';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait-for';

export type ErrorBody = {
	error: { code: string; message: string; field?: string; reason?: string };
};

export const paragraph = (text: string): Block => ({
	type: 'paragraph',
	content: [{ text, marks: {} }]
});

export const ARTICLES = [
	{
		role: 'preamble' as const,
		title: 'Préambule',
		body: ['Nous, habitantes et habitants de Maradi, adoptons la présente charte.']
	},
	{
		role: 'article' as const,
		title: 'Objet de la charte',
		body: ['La présente charte fixe les engagements communs des citoyens et de la commune.']
	},
	{
		role: 'article' as const,
		title: 'Participation',
		body: [
			'La commune organise une concertation publique par trimestre.',
			'Chaque quartier désigne deux délégués.'
		]
	},
	{
		role: 'article' as const,
		title: 'Suivi',
		body: ['Un comité de suivi rend compte chaque année.']
	}
];

export async function charterRoom(server: RunningServer, participants = 2) {
	const { workshop, facilitator } = await workshopWithFacilitator(server);
	const created = await facilitator.client.json<{ id: string }>(
		`/api/workshops/${workshop.id}/documents`,
		{ method: 'POST', json: { kind: 'charter', title: 'Charte de la citoyenneté de Maradi' } }
	);
	expect(created.status).toBe(201);
	const documentId = created.body.id;
	await server.app.liveDocuments.editDoc(documentId, (doc) => {
		const fragment = fragmentOf(doc);
		fragment.insert(
			fragment.length,
			ARTICLES.map((a) =>
				articleNodes({ role: a.role, title: a.title, body: a.body.map(paragraph) })
			)
		);
	});
	const people = [];
	for (let i = 0; i < participants; i++)
		people.push(
			await joinedParticipant(server, workshop.code, ['Moussa', 'Awa', 'Issa'][i] ?? `P${i}`)
		);
	const ids = readArticles(await server.app.liveDocuments.getDoc(documentId)).map(
		(a) => a.articleId
	);
	return { workshop, facilitator, documentId, people, ids };
}

export async function liveArticle(server: RunningServer, documentId: string, articleId: string) {
	const doc = await server.app.liveDocuments.getDoc(documentId);
	return readArticles(doc).find((a) => a.articleId === articleId)!;
}

export async function propose(
	client: HttpClient,
	documentId: string,
	articleId: string,
	body: Record<string, unknown>
) {
	return client.json<
		{ amendmentId: string; status: string; diff: { op: string; text: string }[] } & ErrorBody
	>(`/api/documents/${documentId}/articles/${articleId}/amendments`, {
		method: 'POST',
		json: body
	});
}

export async function putToVote(
	client: HttpClient,
	documentId: string,
	articleId: string,
	body: Record<string, unknown> = {}
) {
	const res = await client.json<{ pollId: string } & ErrorBody>(
		`/api/documents/${documentId}/articles/${articleId}/vote`,
		{ method: 'POST', json: body }
	);
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body.pollId;
}

/** Each voter casts pour / contre / abstention as their phone would. */
export async function castConsent(
	voters: { client: HttpClient }[],
	pollId: string,
	choices: ('for' | 'against' | 'abstain')[]
) {
	const poll = await voters[0].client.json<{ options: { id: string; consent?: string }[] }>(
		`/api/polls/${pollId}`
	);
	expect(poll.status).toBe(200);
	for (const [i, key] of choices.entries()) {
		const optionId = poll.body.options.find((o) => o.consent === key)!.id;
		const res = await voters[i].client.json(`/api/polls/${pollId}/ballots`, {
			method: 'POST',
			json: { ballotId: crypto.randomUUID(), choice: { optionId } }
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
	}
}

export async function closePoll(client: HttpClient, pollId: string) {
	const res = await client.json(`/api/polls/${pollId}/close`, { method: 'POST' });
	expect(res.status, JSON.stringify(res.body)).toBe(200);
}

type AmendmentListItem = { amendmentId: string; status: string; [key: string]: unknown };

export async function amendmentsOf(client: HttpClient, documentId: string, articleId?: string) {
	const res = await client.json<AmendmentListItem[]>(
		`/api/documents/${documentId}/amendments${articleId ? `?articleId=${articleId}` : ''}`
	);
	expect(res.status).toBe(200);
	return res.body;
}

export async function amendmentStatus(
	client: HttpClient,
	documentId: string,
	amendmentId: string,
	status: string
) {
	return waitFor(
		async () =>
			(await amendmentsOf(client, documentId)).find((a) => a.amendmentId === amendmentId)
				?.status === status,
		5_000,
		{ description: `amendment ${status}` }
	);
}
