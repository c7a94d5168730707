// The charter guard over the real /collab route: y-websocket clients of participants
// type into a templated charter whose Article 1 the server adopted. Writes into the adopted
// article and status changes are dropped (the sender told why, others and the stored doc
// untouched); typing into a draft article goes through.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import {
	articleBodyText,
	readArticles,
	setArticleStatus
} from '../../src/lib/server/charter/article-doc';
import { fragmentOf } from '../../src/lib/server/documents/document-tree';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { createCollabClients } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

/** The first text run of the k-th top-level article's first body paragraph. */
function bodyRun(doc: Y.Doc, k: number): Y.XmlText {
	const article = fragmentOf(doc).get(k) as Y.XmlElement;
	return (article.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('the charter on /collab', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	async function setUp() {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{
				method: 'POST',
				json: { kind: 'charter', title: 'Charte de la citoyenneté', template: 'charter' }
			}
		);
		expect(created.status).toBe(201);
		const charterId = created.body.id;
		const liveDoc = () => server.app.liveDocuments.getDoc(charterId);
		const articles = readArticles(await liveDoc());
		// Article 1 adopted by the server (as the vote's outcome would), Article 3 still a draft.
		await server.app.liveDocuments.editDoc(charterId, (doc) =>
			setArticleStatus(doc, articles[1].articleId, 'adopted')
		);
		const moussa = await joinedParticipant(server, workshop.code, 'Moussa');
		const awa = await joinedParticipant(server, workshop.code, 'Awa');
		return { charterId, articles, liveDoc, moussa, awa, facilitator };
	}

	it('drops typing into an adopted article and lets typing into a draft one through', async () => {
		const { charterId, articles, liveDoc, moussa, awa } = await setUp();
		const adopted = articles[1].articleId;
		const draft = articles[3].articleId;
		const adoptedText = articles[1].text;
		const observer = clients.connect(server.url, charterId, awa.client.cookieHeader);
		const phone = clients.connect(server.url, charterId, moussa.client.cookieHeader);
		await observer.synced();
		await phone.synced();
		expect(readArticles(phone.doc)[1].status).toBe('adopted');
		const storedBefore = Y.encodeStateVector(await liveDoc());

		bodyRun(phone.doc, 1).insert(0, 'Par dérogation, ');
		await waitFor(
			() =>
				phone.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'charter_locked'),
			5_000,
			{ description: 'the phone is told its write into the adopted article was dropped' }
		);
		expect(Y.encodeStateVector(await liveDoc())).toEqual(storedBefore);
		expect(articleBodyText(await liveDoc(), adopted)).toBe(adoptedText);

		// A fresh client (as the editor restarts after a refusal) types into the draft Article 3.
		const laptop = clients.connect(server.url, charterId, moussa.client.cookieHeader);
		await laptop.synced();
		bodyRun(laptop.doc, 3).insert(0, 'Chaque année, ');
		await waitFor(
			() => articleBodyText(observer.doc, draft)?.startsWith('Chaque année, ') === true,
			5_000,
			{ description: 'the other participant sees the draft article edited' }
		);
		expect(articleBodyText(await liveDoc(), draft)).toBe(
			'Chaque année, La commune organise au moins une concertation publique par trimestre.'
		);
		// The refused write reached nobody: it came before the accepted one, on the same server.
		expect(articleBodyText(observer.doc, adopted)).toBe(adoptedText);
		expect(laptop.notices.filter((n) => n.kind === 'permission-denied')).toEqual([]);
	});

	it('refuses a status changed by a client, even the facilitator’s', async () => {
		const { charterId, articles, liveDoc, facilitator, awa } = await setUp();
		const observer = clients.connect(server.url, charterId, awa.client.cookieHeader);
		const laptop = clients.connect(server.url, charterId, facilitator.client.cookieHeader);
		await observer.synced();
		await laptop.synced();
		(fragmentOf(laptop.doc).get(3) as Y.XmlElement).setAttribute('status', 'adopted');
		await waitFor(
			() =>
				laptop.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'charter_rules'),
			5_000,
			{ description: 'the facilitator’s client is told its status change was dropped' }
		);
		expect(readArticles(await liveDoc())[3].status).toBe('draft');
		// An honest edit afterwards from another client proves the observer saw no status change.
		const phone = clients.connect(server.url, charterId, awa.client.cookieHeader);
		await phone.synced();
		bodyRun(phone.doc, 3).insert(0, 'Oui. ');
		await waitFor(
			() => articleBodyText(observer.doc, articles[3].articleId)?.startsWith('Oui. ') === true
		);
		expect(readArticles(observer.doc)[3].status).toBe('draft');
	});
});
