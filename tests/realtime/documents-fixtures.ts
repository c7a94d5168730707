// A workshop with a charter created through the API, and its people (facilitator, participants,
// an observer) as HTTP clients whose cookies the y-websocket clients reuse.
import { expect } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';

export const CHARTER_TITLE = 'Charte de la citoyenneté de Maradi';

export async function workshopWithCharter(server: RunningServer, template = true) {
	const { workshop, facilitator } = await workshopWithFacilitator(server);
	const created = await facilitator.client.json<{ id: string }>(
		`/api/workshops/${workshop.id}/documents`,
		{
			method: 'POST',
			json: { kind: 'charter', title: CHARTER_TITLE, ...(template ? { template: 'charter' } : {}) }
		}
	);
	expect(created.status).toBe(201);
	return { workshop, facilitator, documentId: created.body.id };
}

/** A participant turned into an observer (the projector) by the facilitator. */
export async function observerOf(
	server: RunningServer,
	setup: Awaited<ReturnType<typeof workshopWithCharter>>,
	name = 'Projecteur'
) {
	const member = await joinedParticipant(server, setup.workshop.code, name);
	const res = await setup.facilitator.client.json(
		`/api/workshops/${setup.workshop.id}/members/${member.memberId}`,
		{ method: 'PATCH', json: { role: 'observer' } }
	);
	expect(res.status).toBe(200);
	return member;
}
