// An amendment merged by the server into the live charter while a participant types in the same
// article over /collab: both edits survive on every replica, a second merge changes
// nothing, and the merged text passes the guard for everyone afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import {
	articleBodyText,
	locatePassage,
	mergeAmendment,
	readArticles,
	type AmendmentSpec
} from '../../src/lib/server/charter/article-doc';
import { fragmentOf } from '../../src/lib/server/documents/document-tree';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { workshopWithCharter } from './documents-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

function bodyRun(doc: Y.Doc, k: number): Y.XmlText {
	const article = fragmentOf(doc).get(k) as Y.XmlElement;
	return (article.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('merging an amendment into the live charter', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	it('keeps a participant’s concurrent typing in the same article, and merges once', async () => {
		const setup = await workshopWithCharter(server);
		const liveDoc = () => server.app.liveDocuments.getDoc(setup.documentId);
		const article = readArticles(await liveDoc())[4]; // Article 4 — Suivi et révision
		const located = locatePassage(await liveDoc(), article.articleId, 'chaque année', 'replace');
		expect(located.ok).toBe(true);
		const spec: AmendmentSpec = {
			articleId: article.articleId,
			kind: 'replace',
			passage: 'chaque année',
			text: 'deux fois par an',
			anchor: located.ok ? located.anchor : null,
			baseBody: article.text
		};
		const awa = await joinedParticipant(server, setup.workshop.code, 'Awa');
		const phone = clients.connect(server.url, setup.documentId, awa.client.cookieHeader);
		const observer = clients.connect(server.url, setup.documentId, awa.client.cookieHeader);
		await Promise.all([phone.synced(), observer.synced()]);

		// The phone types at the start of the article while the vote runs; the server merges.
		const run = bodyRun(phone.doc, 4);
		run.insert(0, 'Chaque quartier élit son délégué. ');
		let result = '';
		await server.app.liveDocuments.editDoc(setup.documentId, (doc) => {
			result = mergeAmendment(doc, 'amendment-1', spec);
		});
		expect(result).toBe('applied');
		run.insert(run.length, ' Le rapport est public.');

		const expected =
			'Chaque quartier élit son délégué. Un comité de suivi rend compte deux fois par an de l’application de la charte. Le rapport est public.';
		for (const doc of [phone.doc, observer.doc])
			await waitFor(() => articleBodyText(doc, article.articleId) === expected, 5_000, {
				description: 'every replica has the typing and the merged amendment'
			});
		await waitFor(
			async () => articleBodyText(await liveDoc(), article.articleId) === expected,
			5_000,
			{ description: 'the server has both' }
		);
		expect(phone.notices.filter((n) => n.kind === 'permission-denied')).toEqual([]);

		// A retry (restart, second poll close) is a no-op.
		const before = Y.encodeStateVector(await liveDoc());
		await server.app.liveDocuments.editDoc(setup.documentId, (doc) => {
			result = mergeAmendment(doc, 'amendment-1', spec);
		});
		expect(result).toBe('already');
		expect(Y.encodeStateVector(await liveDoc())).toEqual(before);
	});
});
