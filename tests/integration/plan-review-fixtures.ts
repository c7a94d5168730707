// A workshop with an action plan written through the live document, and its people: the
// facilitator, a mayor invited as reviewer, a participant and an observer (HTTP clients).
import { expect } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { PlanAction } from '../../src/lib/domain/action-plan';
import { appendActions } from '../../src/lib/server/plans/read-plan';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, signedInAccount, workshopWithFacilitator } from '../helpers/fixtures';

export const PLAN_TITLE = "Plan d'Action Local de Maradi I";

export const FIRST_ACTIONS: (Partial<PlanAction> & { id: string })[] = [
	{
		id: 'forage',
		title: 'Forage au quartier Sabon Gari',
		owner: 'Service hydraulique',
		budget: 1_500_000,
		axis: 'Eau et assainissement',
		funding: 'Budget communal',
		start: '2027-01-10',
		deadline: '2027-06-30',
		indicator: 'Ménages desservis',
		baseline: '0',
		target: '400'
	},
	{
		id: 'eclairage',
		title: 'Éclairage public solaire',
		owner: 'Mairie',
		budget: 800_000,
		axis: 'Cadre de vie',
		funding: 'ANFICT',
		priority: 'high'
	}
];

export async function reviewerOf(
	server: RunningServer,
	workshopId: string,
	facilitator: { client: HttpClient },
	name = 'Moussa Ibrahim'
) {
	const invite = await facilitator.client.json<{ url: string }>(
		`/api/workshops/${workshopId}/invites`,
		{ method: 'POST', json: { role: 'reviewer' } }
	);
	expect(invite.status).toBe(201);
	const token = invite.body.url.split('/invitation/')[1];
	const mayor = await signedInAccount(server, name);
	await server.app.members.acceptInvite(mayor.user, token);
	return mayor;
}

export async function planWorkshop(server: RunningServer) {
	const { workshop, facilitator } = await workshopWithFacilitator(server);
	const created = await facilitator.client.json<{ id: string }>(
		`/api/workshops/${workshop.id}/documents`,
		{ method: 'POST', json: { kind: 'action_plan', title: PLAN_TITLE } }
	);
	expect(created.status).toBe(201);
	const documentId = created.body.id;
	await server.app.liveDocuments.editDoc(documentId, (doc) => appendActions(doc, FIRST_ACTIONS));
	const mayor = await reviewerOf(server, workshop.id, facilitator);
	const participant = await joinedParticipant(server, workshop.code, 'Amina');
	const observer = await joinedParticipant(server, workshop.code, 'Projecteur');
	const role = await facilitator.client.json(
		`/api/workshops/${workshop.id}/members/${observer.memberId}`,
		{ method: 'PATCH', json: { role: 'observer' } }
	);
	expect(role.status).toBe(200);
	return { workshop, facilitator, documentId, mayor, participant, observer };
}

/** Adds an action to the live plan (the workshop goes on after a submission). */
export function addLiveAction(
	server: RunningServer,
	documentId: string,
	id: string,
	title: string
) {
	return server.app.liveDocuments.editDoc(documentId, (doc) =>
		appendActions(doc, [{ id, title, budget: 250_000, owner: 'Comité de quartier' }])
	);
}
