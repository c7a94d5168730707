// Two real y-websocket clients on one action plan: edits to different actions made at the same
// time both land, and two people typing in the same field merge as text.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients, type CollabClient } from '../helpers/collab-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { appendActions, readActions } from '../../src/lib/server/plans/read-plan';
import { validateAction } from '../../src/lib/domain/action-plan';
import { workshopWithCharter } from './documents-fixtures';

const clients = createCollabClients();
afterEach(() => clients.cleanup());

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

async function planWithTwoEditors() {
	const setup = await workshopWithCharter(server, false);
	const created = await setup.facilitator.client.json<{ id: string }>(
		`/api/workshops/${setup.workshop.id}/documents`,
		{ method: 'POST', json: { kind: 'action_plan', title: 'Plan d’action local' } }
	);
	expect(created.status).toBe(201);
	const planId = created.body.id;
	const amina = await joinedParticipant(server, setup.workshop.code, 'Amina');
	const a = clients.connect(server.url, planId, setup.facilitator.client.cookieHeader);
	const b = clients.connect(server.url, planId, amina.client.cookieHeader);
	await Promise.all([a.synced(), b.synced()]);
	return { planId, a, b };
}

function action(client: CollabClient, id: string): Y.Map<unknown> {
	const map = client.doc
		.getArray<Y.Map<unknown>>('actions')
		.toArray()
		.find((m) => m.get('id') === id);
	if (!map) throw new Error(`no action ${id}`);
	return map;
}

const same = (x: CollabClient, y: CollabClient) =>
	JSON.stringify(readActions(x.doc)) === JSON.stringify(readActions(y.doc));

describe('co-editing an action plan', () => {
	it('two clients editing different actions at once both converge, on the server too', async () => {
		const { planId, a, b } = await planWithTwoEditors();
		appendActions(a.doc, [
			{ id: 'eau', title: 'Forage à Dan Goulbi' },
			{ id: 'ecole', title: 'Classes en dur' }
		]);
		await waitFor(() => readActions(b.doc).length === 2, 5_000, { description: 'b sees both' });

		// Neither waits for the other: each update is sent before the other's has arrived.
		a.doc.transact(() => {
			const eau = action(a, 'eau');
			eau.set('budget', 12_500_000);
			(eau.get('owner') as Y.Text).insert(0, 'Service de l’hydraulique');
			eau.set('start', '2027-01-15');
			eau.set('deadline', '2027-06-30');
		});
		b.doc.transact(() => {
			const ecole = action(b, 'ecole');
			ecole.set('budget', 'douze millions'); // kept as typed; the validation says why
			(ecole.get('funding') as Y.Text).insert(0, 'FADeC');
			ecole.set('status', 'in_progress');
		});
		appendActions(b.doc, [{ id: 'marche', title: 'Marché de Souloulou' }]);

		await waitFor(() => same(a, b) && readActions(a.doc).length === 3, 5_000, {
			description: 'both clients converging'
		});
		const actions = readActions(a.doc);
		expect(actions.map((x) => x.id)).toEqual(['eau', 'ecole', 'marche']);
		expect(actions[0]).toMatchObject({
			budget: 12_500_000,
			owner: 'Service de l’hydraulique',
			start: '2027-01-15',
			deadline: '2027-06-30'
		});
		expect(actions[1]).toMatchObject({ budget: null, funding: 'FADeC', status: 'in_progress' });
		expect(action(a, 'ecole').get('budget')).toBe('douze millions');
		expect(validateAction(actions[1], action(a, 'ecole').get('budget'))).toEqual([
			{ field: 'budget', problem: 'budget_not_integer' }
		]);

		// The server's copy (what exports and a fresh client read) holds both sets of edits.
		await waitFor(
			async () =>
				JSON.stringify(readActions(await server.app.liveDocuments.getDoc(planId))) ===
				JSON.stringify(actions),
			5_000,
			{ description: 'the server holding both edits' }
		);
	});

	it('two people typing in the same field at once merge as text', async () => {
		const { a, b } = await planWithTwoEditors();
		appendActions(a.doc, [{ id: 'eau', title: 'Forage' }]);
		await waitFor(() => readActions(b.doc).length === 1, 5_000, { description: 'b sees it' });

		// Both type into the same title before hearing from each other.
		const titleA = action(a, 'eau').get('title') as Y.Text;
		const titleB = action(b, 'eau').get('title') as Y.Text;
		titleA.insert(titleA.length, ' à Dan Goulbi');
		titleB.insert(0, 'Nouveau ');
		titleB.insert(titleB.length, ' (2027)');

		await waitFor(() => titleA.toString() === titleB.toString() && titleA.length > 20, 5_000, {
			description: 'the title converging'
		});
		// Nothing typed is lost and each insertion stays where it was typed.
		expect(titleA.toString()).toMatch(/^Nouveau Forage/);
		expect(titleA.toString()).toContain(' à Dan Goulbi');
		expect(titleA.toString()).toContain(' (2027)');
		expect(titleA.toString().length).toBe(
			'Nouveau Forage'.length + ' à Dan Goulbi'.length + ' (2027)'.length
		);
	});
});
