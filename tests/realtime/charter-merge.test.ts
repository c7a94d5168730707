import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import { articleBodyText } from '../../src/lib/server/charter/article-doc';
import { CHARTER_APPLIED_MAP } from '../../src/lib/domain/charter';
import { createCollabClients } from '../helpers/collab-client';
import { connectAs, connected, nextEvent } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import {
	amendmentStatus,
	castConsent,
	charterRoom,
	closePoll,
	propose,
	putToVote
} from '../integration/charter-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

/** The text node of the `index`-th body paragraph of an article, in a client's own Y.Doc. */
function bodyText(doc: Y.Doc, articleId: string, index: number): Y.XmlText {
	const article = doc
		.getXmlFragment('default')
		.toArray()
		.find(
			(n) => n instanceof Y.XmlElement && n.getAttribute('articleId') === articleId
		) as Y.XmlElement;
	return (article.get(index + 1) as Y.XmlElement).get(0) as Y.XmlText;
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('adopting an amendment while someone types in the same article', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	it('keeps every typed word and merges the amendment exactly once, for every editor', async () => {
		const { facilitator, documentId, people, ids, workshop } = await charterRoom(server, 2);
		const [moussa, awa] = people;
		const articleId = ids[2];
		const typist = clients.connect(server.url, documentId, awa.client.cookieHeader);
		const reader = clients.connect(server.url, documentId, facilitator.client.cookieHeader);
		await typist.synced();
		await reader.synced();
		const room = connectAs(moussa.client);
		await connected(room);
		await new Promise<void>((resolve) =>
			room.emit('workshop:enter', { workshopId: workshop.id }, () => resolve())
		);

		const { body } = await propose(moussa.client, documentId, articleId, {
			kind: 'replace',
			passage: 'une concertation publique par trimestre',
			text: 'deux concertations publiques par trimestre'
		});
		const pollId = await putToVote(facilitator.client, documentId, articleId, {
			amendmentId: body.amendmentId
		});

		// During the vote Awa types in the amended paragraph itself and in the next one.
		const first = bodyText(typist.doc, articleId, 0);
		first.insert(first.length, ' Elle est annoncée une semaine avant.');
		const second = bodyText(typist.doc, articleId, 1);
		second.insert(0, 'Désormais, ');
		await castConsent(people, pollId, ['for', 'for']);
		const changed = nextEvent(room, 'charter:changed');
		await closePoll(facilitator.client, pollId);
		// And keeps typing while the outcome is applied.
		for (const word of [' Ils', ' rendent', ' compte.']) second.insert(second.length, word);
		expect(await changed).toEqual({ documentId });
		await amendmentStatus(facilitator.client, documentId, body.amendmentId, 'adopted');

		const expected =
			'La commune organise deux concertations publiques par trimestre. Elle est annoncée une semaine avant.\n' +
			'Désormais, Chaque quartier désigne deux délégués. Ils rendent compte.';
		const server_ = await server.app.liveDocuments.getDoc(documentId);
		for (const [who, doc] of [
			['the server', server_],
			['the typist', typist.doc],
			['another editor', reader.doc]
		] as const) {
			await waitFor(() => articleBodyText(doc, articleId) === expected, 5_000, {
				description: `${who} has the typed words and the merge`
			});
			const text = articleBodyText(doc, articleId)!;
			expect(occurrences(text, 'deux concertations publiques'), who).toBe(1);
			expect(occurrences(text, 'une concertation publique'), who).toBe(0);
		}
		expect(typist.doc.getMap(CHARTER_APPLIED_MAP).has(body.amendmentId)).toBe(true);

		// A restart's restore and a late duplicate notice merge nothing again.
		await server.app.charter.restore();
		server.app.events.emit('poll.changed', { workshopId: workshop.id, pollId });
		const late = clients.connect(server.url, documentId, moussa.client.cookieHeader);
		await late.synced();
		expect(articleBodyText(late.doc, articleId)).toBe(expected);
		room.disconnect();
	});

	it('once an article is adopted by vote, a write into it over /collab is dropped and its author told; other articles stay writable', async () => {
		const { facilitator, documentId, people, ids } = await charterRoom(server, 2);
		const writer = clients.connect(server.url, documentId, people[0].client.cookieHeader);
		await writer.synced();
		const pollId = await putToVote(facilitator.client, documentId, ids[1]);
		await castConsent(people, pollId, ['for', 'for']);
		await closePoll(facilitator.client, pollId);
		await waitFor(
			() =>
				writer.doc
					.getXmlFragment('default')
					.toArray()
					.some(
						(n) =>
							n instanceof Y.XmlElement &&
							n.getAttribute('articleId') === ids[1] &&
							n.getAttribute('status') === 'adopted'
					),
			5_000,
			{ description: 'the editor sees the article adopted' }
		);
		const before = articleBodyText(await server.app.liveDocuments.getDoc(documentId), ids[1]);
		const locked = bodyText(writer.doc, ids[1], 0);
		locked.insert(locked.length, ' Ajout interdit.');
		await waitFor(
			() =>
				writer.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'charter_locked'),
			5_000,
			{ description: 'the writer is told the article is locked' }
		);
		// As the editor does after a refusal: a fresh replica (its later edits would otherwise wait
		// on the dropped one), which may write anywhere else.
		writer.destroy();
		const fresh = clients.connect(server.url, documentId, people[0].client.cookieHeader);
		await fresh.synced();
		const open = bodyText(fresh.doc, ids[3], 0);
		open.insert(open.length, ' Ajout permis.');
		const doc = await server.app.liveDocuments.getDoc(documentId);
		await waitFor(() => articleBodyText(doc, ids[3])?.endsWith('Ajout permis.'), 5_000, {
			description: 'a write in another article is accepted'
		});
		expect(articleBodyText(doc, ids[1])).toBe(before);
	});
});
