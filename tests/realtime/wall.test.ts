import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import { CARD_KEYS, WALL_MAPS } from '../../src/lib/domain/idea-wall';
import { readActions } from '../../src/lib/server/plans/read-plan';
import type { WallView } from '../../src/lib/protocol/wall';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import { createCollabClients, documentText } from '../helpers/collab-client';
import { connectAs, connected } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

function putCard(doc: Y.Doc, fields: Record<string, unknown>) {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	doc.getMap(WALL_MAPS.cards).set(String(fields.id), map);
}

const cardFields = (id: string, author: string, text = `Idée ${id}`) => ({
	[CARD_KEYS.id]: id,
	[CARD_KEYS.text]: text,
	[CARD_KEYS.columnId]: null,
	[CARD_KEYS.order]: 1,
	[CARD_KEYS.authorMemberId]: author,
	[CARD_KEYS.hidden]: false
});

type CardJson = {
	text: string;
	authorMemberId: string;
	hidden: boolean;
	columnId: string | null;
	mergedInto?: string;
	promotedTo?: { kind: string; documentId: string; ref: string };
};
const cardsOf = (doc: Y.Doc) => doc.getMap(WALL_MAPS.cards).toJSON() as Record<string, CardJson>;

describe('the idea wall', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server?.close());

	async function setUp() {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const created = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'idea_wall', title: 'Mur : eau et assainissement' } }
		);
		expect(created.status).toBe(201);
		const wallId = created.body.id;
		const moussa = await joinedParticipant(server, workshop.code, 'Moussa');
		const awa = await joinedParticipant(server, workshop.code, 'Awa');
		// The facilitator seeds two cards, one of each participant's, as the server itself.
		await server.app.liveDocuments.editDoc(wallId, (doc) => {
			putCard(doc, cardFields('c-moussa', moussa.memberId, 'Des bornes-fontaines à Zaria'));
			putCard(doc, cardFields('c-awa', awa.memberId, 'Curage des caniveaux'));
		});
		const serverCards = async () => cardsOf(await server.app.liveDocuments.getDoc(wallId));
		return { workshop, facilitator, wallId, moussa, awa, serverCards };
	}

	describe('participants on /collab', () => {
		it('an allowed card post reaches another client; a hide or a forged author is dropped and the client told', async () => {
			const { wallId, moussa, awa, facilitator, serverCards } = await setUp();
			const phone = clients.connect(server.url, wallId, moussa.client.cookieHeader);
			const other = clients.connect(server.url, wallId, awa.client.cookieHeader);
			await phone.synced();
			await other.synced();

			putCard(phone.doc, cardFields('c-new', moussa.memberId, 'Un comité de l’eau par quartier'));
			await waitFor(
				() => cardsOf(other.doc)['c-new']?.text === 'Un comité de l’eau par quartier',
				5_000,
				{
					description: "Awa's phone shows Moussa's new card"
				}
			);
			expect((await serverCards())['c-new'].authorMemberId).toBe(moussa.memberId);

			// A second, honest-looking client of Moussa's forges Awa's name on a card…
			const forger = clients.connect(server.url, wallId, moussa.client.cookieHeader);
			await forger.synced();
			const before = JSON.stringify(await serverCards());
			putCard(forger.doc, cardFields('c-forged', awa.memberId, 'Signé Awa (faux)'));
			await waitFor(() =>
				forger.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'wall_rules')
			);
			expect(JSON.stringify(await serverCards())).toBe(before);

			// …and another hides Awa's card.
			const hider = clients.connect(server.url, wallId, moussa.client.cookieHeader);
			await hider.synced();
			(hider.doc.getMap(WALL_MAPS.cards).get('c-awa') as Y.Map<unknown>).set(
				CARD_KEYS.hidden,
				true
			);
			await waitFor(() =>
				hider.notices.some((n) => n.kind === 'permission-denied' && n.reason === 'wall_rules')
			);
			expect((await serverCards())['c-awa'].hidden).toBe(false);
			expect(cardsOf(other.doc)['c-forged']).toBeUndefined();
			expect(cardsOf(other.doc)['c-awa'].hidden).toBe(false);

			// The facilitator may arrange: a column and a card moved into it pass.
			const laptop = clients.connect(server.url, wallId, facilitator.client.cookieHeader);
			await laptop.synced();
			laptop.doc.transact(() => {
				const column = new Y.Map<unknown>();
				column.set('id', 'col-1');
				column.set('title', 'Eau potable');
				column.set('order', 1);
				laptop.doc.getMap(WALL_MAPS.columns).set('col-1', column);
				(laptop.doc.getMap(WALL_MAPS.cards).get('c-awa') as Y.Map<unknown>).set(
					'columnId',
					'col-1'
				);
			});
			await waitFor(() => cardsOf(other.doc)['c-awa'].columnId === 'col-1');
			expect(laptop.notices.filter((n) => n.kind === 'permission-denied')).toEqual([]);
		});
	});

	describe('dots', () => {
		it('over budget is refused, with the translated reason', async () => {
			const { wallId, moussa, facilitator } = await setUp();
			const closed = await moussa.client.json<{ error: { reason: string } }>(
				`/api/documents/${wallId}/wall/dots`,
				{
					method: 'POST',
					json: { cardId: 'c-awa', delta: 1 }
				}
			);
			expect(closed.status).toBe(409);
			expect(closed.body.error.reason).toBe('wall_voting_closed');

			const opened = await facilitator.client.json<WallView>(
				`/api/documents/${wallId}/wall/settings`,
				{
					method: 'PUT',
					json: { dotsPerMember: 2, votingOpen: true }
				}
			);
			expect(opened.status).toBe(200);
			for (const cardId of ['c-awa', 'c-awa']) {
				const res = await moussa.client.json<WallView>(`/api/documents/${wallId}/wall/dots`, {
					method: 'POST',
					json: { cardId, delta: 1 }
				});
				expect(res.status).toBe(200);
			}
			const over = await moussa.client.json<{ error: { reason: string; message: string } }>(
				`/api/documents/${wallId}/wall/dots`,
				{ method: 'POST', json: { cardId: 'c-moussa', delta: 1 } }
			);
			expect(over.status).toBe(409);
			expect(over.body.error).toMatchObject({
				reason: 'wall_no_dots_left',
				message: 'Vous avez utilisé toutes vos gommettes.'
			});
			const back = await moussa.client.json<WallView>(`/api/documents/${wallId}/wall/dots`, {
				method: 'POST',
				json: { cardId: 'c-awa', delta: -1 }
			});
			expect(back.body.you).toMatchObject({ dotsUsed: 1, dotsLeft: 1, dots: { 'c-awa': 1 } });
			const bad = await moussa.client.json(`/api/documents/${wallId}/wall/dots`, {
				method: 'POST',
				json: { cardId: 'c-awa', delta: 2 }
			});
			expect(bad.status).toBe(400);
		});

		it('concurrent clicks of one member (HTTP and socket.io) never exceed N dots', async () => {
			const { wallId, moussa, facilitator } = await setUp();
			await facilitator.client.json(`/api/documents/${wallId}/wall/settings`, {
				method: 'PUT',
				json: { dotsPerMember: 3, votingOpen: true }
			});
			const socket = connectAs(moussa.client);
			await connected(socket);
			const viaHttp = Array.from({ length: 6 }, (_, i) =>
				moussa.client
					.json(`/api/documents/${wallId}/wall/dots`, {
						method: 'POST',
						json: { cardId: i % 2 ? 'c-awa' : 'c-moussa', delta: 1 }
					})
					.then((r) => r.status)
			);
			const viaSocket = Array.from(
				{ length: 6 },
				() =>
					new Promise<boolean>((resolve) =>
						socket.emit('wall:dot', { documentId: wallId, cardId: 'c-awa', delta: 1 }, (ack) =>
							resolve(ack.ok)
						)
					)
			);
			const statuses = await Promise.all(viaHttp);
			const acks = await Promise.all(viaSocket);
			socket.disconnect();
			const accepted = statuses.filter((s) => s === 200).length + acks.filter(Boolean).length;
			expect(accepted).toBe(3);
			const view = await moussa.client.json<WallView>(`/api/documents/${wallId}/wall`);
			expect(view.body.you.dotsUsed).toBe(3);
			expect(view.body.you.dotsLeft).toBe(0);
		});

		it("before the reveal a participant's payload carries only their own dots; after it, the tally", async () => {
			const { wallId, moussa, awa, facilitator } = await setUp();
			await facilitator.client.json(`/api/documents/${wallId}/wall/settings`, {
				method: 'PUT',
				json: { votingOpen: true }
			});
			await awa.client.json(`/api/documents/${wallId}/wall/dots`, {
				method: 'POST',
				json: { cardId: 'c-moussa', delta: 1 }
			});
			await moussa.client.json(`/api/documents/${wallId}/wall/dots`, {
				method: 'POST',
				json: { cardId: 'c-awa', delta: 1 }
			});
			const hidden = await moussa.client.request(`/api/documents/${wallId}/wall`);
			const raw = await hidden.text();
			expect(raw).not.toContain(awa.memberId);
			const seen = JSON.parse(raw) as WallView;
			expect(seen.tally).toBeNull();
			expect(seen.you.dots).toEqual({ 'c-awa': 1 });

			const tally = await facilitator.client.json<WallView>(`/api/documents/${wallId}/wall`);
			expect(tally.body.tally?.map((t) => [t.cardId, t.dots])).toEqual([
				// A tie: by card order, then id.
				['c-awa', 1],
				['c-moussa', 1]
			]);

			const forbidden = await moussa.client.json(`/api/documents/${wallId}/wall/reveal`, {
				method: 'POST'
			});
			expect(forbidden.status).toBe(403);
			expect(
				(await facilitator.client.json(`/api/documents/${wallId}/wall/reveal`, { method: 'POST' }))
					.status
			).toBe(200);
			const revealed = await moussa.client.json<WallView>(`/api/documents/${wallId}/wall`);
			expect(revealed.body.tally?.reduce((n, t) => n + t.dots, 0)).toBe(2);
		});
		it('before the reveal, socket notices of a dot go to its owner and facilitators only', async () => {
			const { wallId, workshop, moussa, awa, facilitator } = await setUp();
			const listen = async (client: typeof moussa.client) => {
				const socket = connectAs(client);
				await connected(socket);
				const entered = await new Promise<boolean>((resolve) =>
					socket.emit('workshop:enter', { workshopId: workshop.id }, (ack) => resolve(ack.ok))
				);
				expect(entered).toBe(true);
				const notices: string[] = [];
				socket.on('wall:changed', ({ documentId }) => notices.push(documentId));
				return { socket, notices };
			};
			const moussaSocket = await listen(moussa.client);
			const laptop = await listen(facilitator.client);
			// Opening the vote concerns everyone: one notice each.
			await facilitator.client.json(`/api/documents/${wallId}/wall/settings`, {
				method: 'PUT',
				json: { votingOpen: true }
			});
			await waitFor(() => moussaSocket.notices.length === 1 && laptop.notices.length === 1);

			await awa.client.json(`/api/documents/${wallId}/wall/dots`, {
				method: 'POST',
				json: { cardId: 'c-moussa', delta: 1 }
			});
			await waitFor(() => laptop.notices.length === 2, 5_000, {
				description: "the facilitator hears of Awa's dot"
			});
			// The notice was written to every targeted socket at once; one round trip on Moussa's
			// connection proves nothing more reached him.
			await new Promise<unknown>((resolve) =>
				moussaSocket.socket.emit('time:sync', Date.now(), resolve)
			);
			expect(moussaSocket.notices).toHaveLength(1);

			await moussa.client.json(`/api/documents/${wallId}/wall/dots`, {
				method: 'POST',
				json: { cardId: 'c-awa', delta: 1 }
			});
			await waitFor(() => moussaSocket.notices.length === 2);
			expect(moussaSocket.notices).toEqual([wallId, wallId]);
			moussaSocket.socket.disconnect();
			laptop.socket.disconnect();
		});
	});

	describe('moderation and promotion', () => {
		it('hiding a card edits the live wall, gives its dots back and is audited; unhide restores it', async () => {
			const { wallId, workshop, moussa, facilitator, serverCards } = await setUp();
			await facilitator.client.json(`/api/documents/${wallId}/wall/settings`, {
				method: 'PUT',
				json: { votingOpen: true }
			});
			await moussa.client.json(`/api/documents/${wallId}/wall/dots`, {
				method: 'POST',
				json: { cardId: 'c-awa', delta: 1 }
			});
			const refused = await moussa.client.json(`/api/documents/${wallId}/wall/hide`, {
				method: 'POST',
				json: { cardId: 'c-awa' }
			});
			expect(refused.status).toBe(403);
			const hidden = await facilitator.client.json(`/api/documents/${wallId}/wall/hide`, {
				method: 'POST',
				json: { cardId: 'c-awa' }
			});
			expect(hidden.status).toBe(200);
			expect((await serverCards())['c-awa'].hidden).toBe(true);
			const mine = await moussa.client.json<WallView>(`/api/documents/${wallId}/wall`);
			expect(mine.body.you.dotsUsed).toBe(0);
			const onHidden = await moussa.client.json<{ error: { reason: string } }>(
				`/api/documents/${wallId}/wall/dots`,
				{
					method: 'POST',
					json: { cardId: 'c-awa', delta: 1 }
				}
			);
			expect(onHidden.body.error.reason).toBe('wall_card_unavailable');

			await facilitator.client.json(`/api/documents/${wallId}/wall/unhide`, {
				method: 'POST',
				json: { cardId: 'c-awa' }
			});
			expect((await serverCards())['c-awa'].hidden).toBe(false);
			await facilitator.client.json(`/api/documents/${wallId}/wall/merge`, {
				method: 'POST',
				json: { cardId: 'c-awa', targetId: 'c-moussa' }
			});
			expect((await serverCards())['c-awa'].mergedInto).toBe('c-moussa');
			const actions = (await server.app.audit.list(workshop.id)).map((e) => e.action);
			expect(actions).toEqual(expect.arrayContaining(['wall.hide', 'wall.unhide', 'wall.merge']));
		});

		it('a card becomes "Article N" of a charter and an action of a plan, in their live documents', async () => {
			const { wallId, workshop, facilitator, serverCards } = await setUp();
			const charter = await facilitator.client.json<{ id: string }>(
				`/api/workshops/${workshop.id}/documents`,
				{
					method: 'POST',
					json: { kind: 'charter', title: 'Charte', template: 'charter' }
				}
			);
			const plan = await facilitator.client.json<{ id: string }>(
				`/api/workshops/${workshop.id}/documents`,
				{
					method: 'POST',
					json: { kind: 'action_plan', title: "Plan d'action" }
				}
			);
			const toCharter = await facilitator.client.json<{ promotedTo: { ref: string } }>(
				`/api/documents/${wallId}/wall/promote`,
				{ method: 'POST', json: { cardId: 'c-moussa', documentId: charter.body.id } }
			);
			expect(toCharter.status).toBe(201);
			expect(toCharter.body.promotedTo.ref).toBe('Article 5');
			const text = documentText(await server.app.liveDocuments.getDoc(charter.body.id));
			expect(text.endsWith('Article 5\nDes bornes-fontaines à Zaria')).toBe(true);

			const toPlan = await facilitator.client.json(`/api/documents/${wallId}/wall/promote`, {
				method: 'POST',
				json: { cardId: 'c-awa', documentId: plan.body.id }
			});
			expect(toPlan.status).toBe(201);
			const actions = readActions(await server.app.liveDocuments.getDoc(plan.body.id));
			expect(actions.map((a) => a.title)).toEqual(['Curage des caniveaux']);
			const cards = await serverCards();
			expect(cards['c-moussa'].promotedTo).toMatchObject({
				kind: 'charter',
				documentId: charter.body.id,
				ref: 'Article 5'
			});
			expect(cards['c-awa'].promotedTo).toMatchObject({ kind: 'action_plan', ref: actions[0].id });

			const again = await facilitator.client.json<{ error: { reason: string } }>(
				`/api/documents/${wallId}/wall/promote`,
				{
					method: 'POST',
					json: { cardId: 'c-awa', documentId: plan.body.id }
				}
			);
			expect(again.body.error.reason).toBe('wall_already_promoted');
			const notTarget = await facilitator.client.json<{ error: { reason: string } }>(
				`/api/documents/${wallId}/wall/promote`,
				{
					method: 'POST',
					json: { cardId: 'c-moussa', documentId: wallId }
				}
			);
			expect(notTarget.body.error.reason).toBe('wall_promote_target');
			const actionsLog = (await server.app.audit.list(workshop.id)).map((e) => e.action);
			expect(actionsLog.filter((a) => a === 'wall.promote')).toHaveLength(2);
		});
	});
});
