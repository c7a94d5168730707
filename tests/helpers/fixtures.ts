// People for the tests: accounts made through the service, then signed in over HTTP like a browser.
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from './http-client';

let counter = 0;

export async function signedInAccount(server: RunningServer, name = 'Aïcha Animatrice') {
	const email = `user${++counter}-${Date.now()}@example.org`;
	const password = 'mot-de-passe-sûr';
	const user = await server.app.accounts.signUp({ email, name, password });
	const client = new HttpClient(server.url);
	const res = await client.json('/api/session', { method: 'POST', json: { email, password } });
	if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
	return { client, user, email, password };
}

export async function workshopWithFacilitator(server: RunningServer) {
	const facilitator = await signedInAccount(server);
	const res = await facilitator.client.json<{ id: string; code: string; joinUrl: string }>(
		'/api/workshops',
		{
			method: 'POST',
			json: { title: 'Collaborathon de Maradi', kind: 'collaborathon', commune: 'Maradi I' }
		}
	);
	if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
	return { facilitator, workshop: res.body };
}

export async function joinedParticipant(
	server: RunningServer,
	code: string,
	displayName = 'Moussa'
) {
	const client = new HttpClient(server.url);
	const res = await client.json<{ workshopId: string; memberId: string; role: string }>(
		'/api/join',
		{
			method: 'POST',
			json: { code, displayName }
		}
	);
	if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
	return { client, ...res.body };
}
