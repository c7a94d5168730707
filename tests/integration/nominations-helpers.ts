// Shared steps of the nomination tests: members who declare a quartier when they join, a
// nomination poll, proposals made the way a phone makes them.
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from '../helpers/http-client';
import type { NominationBoard, ProposalView } from '../../src/lib/protocol/nominations';
import type { ErrorBody } from './polls-helpers';

export async function memberOf(
	server: RunningServer,
	code: string,
	displayName: string,
	quartier?: string
) {
	const client = new HttpClient(server.url);
	const res = await client.json<{ workshopId: string; memberId: string }>('/api/join', {
		method: 'POST',
		json: { code, displayName, ...(quartier ? { quartier } : {}) }
	});
	if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
	return { client, ...res.body };
}

export async function createNomination(
	client: HttpClient,
	workshopId: string,
	body: Record<string, unknown> = {}
) {
	const res = await client.json<{ id: string; options: unknown[] } & ErrorBody>(
		`/api/workshops/${workshopId}/polls`,
		{
			method: 'POST',
			json: { question: 'Qui est le modèle citoyen ?', method: 'nomination', ...body }
		}
	);
	if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

export function propose(client: HttpClient, pollId: string, body: Record<string, unknown>) {
	return client.json<ProposalView & ErrorBody>(`/api/polls/${pollId}/proposals`, {
		method: 'POST',
		json: body
	});
}

export async function board(client: HttpClient, pollId: string) {
	const res = await client.json<NominationBoard & ErrorBody>(`/api/polls/${pollId}/proposals`);
	if (res.status !== 200) throw new Error(`board: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body;
}

export function shortlist(client: HttpClient, pollId: string, proposalIds: string[]) {
	return client.json<
		{ id: string; options: { id: string; label: string; quartier?: string }[] } & ErrorBody
	>(`/api/polls/${pollId}/shortlist`, { method: 'POST', json: { proposalIds } });
}

export function merge(client: HttpClient, pollId: string, fromId: string, intoId: string) {
	return client.json<NominationBoard & ErrorBody>(`/api/polls/${pollId}/proposals/merge`, {
		method: 'POST',
		json: { fromId, intoId }
	});
}
