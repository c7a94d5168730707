// The charter page links an article to the poll deciding it (and, once adopted, to the poll that
// adopted it): `GET /api/documents/:id/articles` names it, so a reload keeps the link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { startTestServer } from '../helpers/test-server';
import { castConsent, charterRoom, closePoll, putToVote } from './charter-fixtures';

type ArticleJson = { articleId: string; status: string; pollId?: string | null };

describe('the poll an article list names', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	it('is the open vote while the article is voted on, then the one that adopted it', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const list = async () =>
			(await facilitator.client.json<ArticleJson[]>(`/api/documents/${documentId}/articles`)).body;
		expect((await list()).every((a) => a.pollId === null)).toBe(true);

		const pollId = await putToVote(facilitator.client, documentId, ids[1]);
		const voting = (await list()).find((a) => a.articleId === ids[1])!;
		expect(voting).toMatchObject({ status: 'voting', pollId });

		await castConsent(people, pollId, ['for', 'for']);
		await closePoll(facilitator.client, pollId);
		await expect
			.poll(async () => (await list()).find((a) => a.articleId === ids[1]))
			.toMatchObject({ status: 'adopted', pollId });
		// The others were never voted on.
		expect((await list()).filter((a) => a.pollId !== null).map((a) => a.articleId)).toEqual([
			ids[1]
		]);
	});
});
