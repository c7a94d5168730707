// A NUL byte or another control character in any typed text is refused with `400 validation` by
// every door (JSON API, form, socket.io), on PGlite and PostgreSQL alike: PostgreSQL used to
// answer `500 internal` to a NUL in a display name, a workshop title or a poll question.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from '../helpers/http-client';
import { signedInAccount, workshopWithFacilitator } from '../helpers/fixtures';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { createNomination, memberOf } from './nominations-helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

const sockets: TestSocket[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.disconnect();
});

type ErrorBody = { error: { code: string; field?: string; message: string } };

const NUL = '\u0000';
const BELL = '\u0007';

function expectValidation(res: { status: number; body: unknown }, field: string) {
	expect(res.status).toBe(400);
	expect((res.body as ErrorBody).error).toMatchObject({ code: 'validation', field });
}

describe('control characters in typed text', () => {
	it('are refused in a display name, a workshop title and a sign-up name', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		const phone = new HttpClient(server.url);
		for (const displayName of [`Mou${NUL}ssa`, `Mou${BELL}ssa`, 'Mou\nssa']) {
			const res = await phone.json('/api/join', {
				method: 'POST',
				json: { code: workshop.code, displayName }
			});
			expectValidation(res, 'displayName');
		}
		const { client } = await signedInAccount(server);
		const titled = await client.json('/api/workshops', {
			method: 'POST',
			json: { title: `Atelier${NUL}`, kind: 'bootcamp' }
		});
		expectValidation(titled, 'title');
		const commune = await client.json('/api/workshops', {
			method: 'POST',
			json: { title: 'Atelier', kind: 'bootcamp', commune: `Mara${NUL}di` }
		});
		expectValidation(commune, 'commune');
		const form = new FormData();
		form.set('email', 'nul@example.org');
		form.set('name', `Aïcha${NUL}`);
		form.set('password', 'mot-de-passe-sûr');
		const signUp = await new HttpClient(server.url).request('/inscription', {
			method: 'POST',
			body: form,
			headers: { accept: 'application/json' }
		});
		const result = (await signUp.json()) as { type: string; status: number };
		expect(result).toMatchObject({ type: 'failure', status: 400 });
	});

	it('are refused in a poll question, an option label, a round title and a document title', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const client = facilitator.client;
		const question = await client.json(`/api/workshops/${workshop.id}/polls`, {
			method: 'POST',
			json: {
				question: `Quel thème ?${NUL}`,
				method: 'single',
				options: [{ label: 'Eau' }, { label: 'École' }]
			}
		});
		expectValidation(question, 'question');
		const option = await client.json(`/api/workshops/${workshop.id}/polls`, {
			method: 'POST',
			json: {
				question: 'Quel thème ?',
				method: 'single',
				options: [{ label: 'Eau' }, { label: `É${NUL}` }]
			}
		});
		expectValidation(option, 'options.1.label');
		const agenda = await client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [{ title: `Accueil${NUL}`, kind: 'presentation', durationSeconds: 600 }]
		});
		expectValidation(agenda, '0.title');
		const document = await client.json(`/api/workshops/${workshop.id}/documents`, {
			method: 'POST',
			json: { kind: 'charter', title: `Charte${NUL}` }
		});
		expectValidation(document, 'title');
	});

	it('keep line breaks and tabs where text spans lines, such as a round’s instructions', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const res = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{
					title: 'Accueil',
					kind: 'presentation',
					durationSeconds: 600,
					instructions: 'Tour de table :\n\t1. votre nom\n\t2. votre quartier'
				}
			]
		});
		expect(res.status).toBe(200);
		const nul = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{ title: 'Accueil', kind: 'presentation', durationSeconds: 600, instructions: `a${NUL}` }
			]
		});
		expectValidation(nul, '0.instructions');
	});

	it('are refused in a socket.io payload (a nomination proposed from a phone)', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const awa = await memberOf(server, workshop.code, 'Awa');
		const poll = await createNomination(facilitator.client, workshop.id);
		const socket = connectAs(awa.client);
		sockets.push(socket);
		await connected(socket);
		expect((await socket.emitWithAck('workshop:enter', { workshopId: workshop.id })).ok).toBe(true);
		const ack = await socket.emitWithAck('nomination:propose', {
			pollId: poll.id,
			name: `Aïssa${NUL}`,
			reason: 'Elle anime le comité d’eau.'
		});
		expect(ack).toMatchObject({ ok: false, error: { code: 'validation', field: 'name' } });
	});
});
