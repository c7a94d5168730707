// Shared steps of the vote tests: a workshop with a facilitator and participants, a poll created
// and opened over the JSON API, ballots cast the way a phone does.
import type { RunningServer } from '../../server/http-server';
import type { HttpClient } from '../helpers/http-client';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';

export type ErrorBody = {
	error: { code: string; message: string; field?: string; reason?: string };
};

export async function votingRoom(server: RunningServer, participants = 2) {
	const { facilitator, workshop } = await workshopWithFacilitator(server);
	const voters = [];
	for (let i = 0; i < participants; i++)
		voters.push(await joinedParticipant(server, workshop.code, `Votant ${i + 1}`));
	return { facilitator, workshop, voters };
}

export async function createPoll(
	client: HttpClient,
	workshopId: string,
	body: Record<string, unknown> = {}
) {
	const res = await client.json<{ id: string; options: { id: string; label: string }[] }>(
		`/api/workshops/${workshopId}/polls`,
		{
			method: 'POST',
			json: {
				question: 'Quel thème pour la conférence ?',
				method: 'single',
				options: [{ label: 'Eau' }, { label: 'Santé' }, { label: 'Éducation' }],
				...body
			}
		}
	);
	if (res.status !== 201) throw new Error(`create poll: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

export async function command(client: HttpClient, pollId: string, name: string, body?: unknown) {
	return client.json<Record<string, unknown> & ErrorBody>(`/api/polls/${pollId}/${name}`, {
		method: 'POST',
		...(body === undefined ? {} : { json: body })
	});
}

export async function openPoll(
	client: HttpClient,
	workshopId: string,
	body: Record<string, unknown> = {}
) {
	const poll = await createPoll(client, workshopId, body);
	const res = await command(client, poll.id, 'open');
	if (res.status !== 200) throw new Error(`open poll: ${res.status} ${JSON.stringify(res.body)}`);
	return poll;
}

export function vote(client: HttpClient, pollId: string, choice: unknown, ballotId?: string) {
	return client.json<{ outcome: string; ballotId: string } & ErrorBody>(
		`/api/polls/${pollId}/ballots`,
		{ method: 'POST', json: { ballotId: ballotId ?? crypto.randomUUID(), choice } }
	);
}

export async function results(client: HttpClient, pollId: string) {
	return client.json<
		{
			status: string;
			hidden: boolean;
			totalBallots?: number;
			eligible: number;
			winner?: string | null;
			options: { id: string; label: string; count?: number }[];
			bySource?: {
				source: string;
				label?: string;
				enteredBy?: string;
				counts: Record<string, number>;
			}[];
		} & ErrorBody
	>(`/api/polls/${pollId}/results`);
}
