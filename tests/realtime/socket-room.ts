// The room the socket payload tests (contract and seeded fuzz) play in: a facilitator, one
// participant, an open poll and an idea wall, and the ids a payload may name.
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import type { HttpClient } from '../helpers/http-client';
import { openPoll } from '../integration/polls-helpers';

export interface SocketRoomIds {
	workshopId: string;
	memberId: string;
	pollId: string;
	optionId: string;
	wallId: string;
}

export async function socketRoom(
	server: RunningServer
): Promise<{ facilitator: HttpClient; participant: HttpClient; ids: SocketRoomIds }> {
	const room = await workshopWithFacilitator(server);
	const facilitator = room.facilitator.client;
	const member = await joinedParticipant(server, room.workshop.code, 'Moussa');
	const poll = await openPoll(facilitator, room.workshop.id);
	const wall = await facilitator.json<{ id: string }>(
		`/api/workshops/${room.workshop.id}/documents`,
		{ method: 'POST', json: { kind: 'idea_wall', title: 'Mur à idées' } }
	);
	return {
		facilitator,
		participant: member.client,
		ids: {
			workshopId: room.workshop.id,
			memberId: member.memberId,
			pollId: poll.id,
			optionId: poll.options[0].id,
			wallId: wall.body.id
		}
	};
}
