import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from '../helpers/http-client';
import { GUESS_RULES } from '../../src/lib/domain/guess-limits';
import { joinedParticipant, signedInAccount, workshopWithFacilitator } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

describe('the public JSON API', () => {
	it('answers /healthz with which of the database and Redis answer, the database kind and version', async () => {
		const res = await new HttpClient(server.url).json('/healthz');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			status: 'ok',
			database: 'up',
			redis: process.env.REDIS_URL ? 'up' : 'absent',
			db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
			version: expect.any(String)
		});
	});

	it('signs in with a session cookie that is HttpOnly and SameSite=Lax, and signs out', async () => {
		const { email, password } = await signedInAccount(server);
		const client = new HttpClient(server.url);
		const res = await client.request('/api/session', { method: 'POST', json: { email, password } });
		expect(res.status).toBe(200);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('palabre_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect((await client.json('/api/workshops')).status).toBe(200);
		expect((await client.request('/api/session', { method: 'DELETE' })).status).toBe(204);
		expect((await client.json('/api/workshops')).status).toBe(401);
	});

	it('rejects a wrong password with 401 and a translated message', async () => {
		const { email } = await signedInAccount(server);
		const client = new HttpClient(server.url);
		const fr = await client.json<{ error: { code: string; message: string } }>('/api/session', {
			method: 'POST',
			json: { email, password: 'pas-le-bon' }
		});
		expect(fr.status).toBe(401);
		expect(fr.body.error).toEqual({
			code: 'invalid_credentials',
			message: 'Adresse e-mail ou mot de passe incorrect.'
		});
		const en = await client.json<{ error: { message: string } }>('/api/session', {
			method: 'POST',
			json: { email, password: 'not-it' },
			headers: { 'accept-language': 'en-GB,en;q=0.9' }
		});
		expect(en.body.error.message).toBe('Wrong e-mail address or password.');
	});

	it('creates a workshop with a 6-character unambiguous join code and a join URL', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		expect(workshop.code).toMatch(/^[ABCDEFGHJKMNPQRTUVWXY346789]{6}$/);
		expect(workshop.joinUrl).toBe(`${server.url}/j/${workshop.code}`);
		const got = await facilitator.client.json<{
			title: string;
			memberCounts: Record<string, number>;
			agenda: unknown[];
		}>(`/api/workshops/${workshop.id}`);
		expect(got.status).toBe(200);
		expect(got.body.title).toBe('Collaborathon de Maradi');
		expect(got.body.memberCounts).toEqual({ facilitator: 1 });
		expect(got.body.agenda).toEqual([]);
	});

	it('answers 400 naming the field for an invalid workshop, 401 without a session, 400 for a non-JSON body', async () => {
		const { client } = await signedInAccount(server);
		const bad = await client.json<{ error: { code: string; field: string } }>('/api/workshops', {
			method: 'POST',
			json: { title: 'X', kind: 'party' }
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatchObject({ code: 'validation', field: 'kind' });
		const anon = await new HttpClient(server.url).json('/api/workshops', {
			method: 'POST',
			json: { title: 'X', kind: 'bootcamp' }
		});
		expect(anon.status).toBe(401);
		const notJson = await client.json<{ error: { field: string } }>('/api/workshops', {
			method: 'POST',
			body: 'title=x',
			headers: { 'content-type': 'text/plain' }
		});
		expect(notJson.status).toBe(400);
		expect(notJson.body.error.field).toBe('body');
	});

	it('lets a participant join by code as a guest, and refuses an unknown code with 404', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const guest = new HttpClient(server.url);
		const res = await guest.json<{ workshopId: string; memberId: string; role: string }>(
			'/api/join',
			{
				method: 'POST',
				json: {
					code: workshop.code.toLowerCase(),
					displayName: 'Fati',
					gender: 'woman',
					ageBracket: '18_24'
				}
			}
		);
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ workshopId: workshop.id, role: 'participant' });
		expect(guest.cookie('palabre_session')).toBeTruthy();
		const members = await facilitator.client.json<Array<{ displayName: string; role: string }>>(
			`/api/workshops/${workshop.id}/members`
		);
		expect(members.body.map((m) => m.displayName)).toEqual(['Aïcha Animatrice', 'Fati']);
		// The private profile never appears in the member list.
		expect(JSON.stringify(members.body)).not.toContain('woman');

		const unknown = await new HttpClient(server.url).json<{ error: { code: string } }>(
			'/api/join',
			{
				method: 'POST',
				json: { code: 'AAAAAA', displayName: 'X' }
			}
		);
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.code).toBe('join_code_unknown');
	});

	it('lets only facilitators list members and change roles, never the last facilitator away', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const participant = await joinedParticipant(server, workshop.code);
		expect((await participant.client.json(`/api/workshops/${workshop.id}/members`)).status).toBe(
			403
		);
		expect(
			(
				await participant.client.json(
					`/api/workshops/${workshop.id}/members/${participant.memberId}`,
					{
						method: 'PATCH',
						json: { role: 'facilitator' }
					}
				)
			).status
		).toBe(403);

		const changed = await facilitator.client.json(
			`/api/workshops/${workshop.id}/members/${participant.memberId}`,
			{
				method: 'PATCH',
				json: { role: 'observer' }
			}
		);
		expect(changed.status).toBe(200);
		expect(changed.body).toMatchObject({ role: 'observer' });

		const list = await facilitator.client.json<Array<{ memberId: string; role: string }>>(
			`/api/workshops/${workshop.id}/members`
		);
		const self = list.body.find((m) => m.role === 'facilitator')!;
		const demote = await facilitator.client.json<{ error: { code: string } }>(
			`/api/workshops/${workshop.id}/members/${self.memberId}`,
			{ method: 'PATCH', json: { role: 'participant' } }
		);
		expect(demote.status).toBe(409);
		expect(demote.body.error.code).toBe('last_facilitator');
	});

	it('hides a workshop from a signed-in stranger behind a 404', async () => {
		const { workshop } = await workshopWithFacilitator(server);
		const stranger = await signedInAccount(server);
		expect((await stranger.client.json(`/api/workshops/${workshop.id}`)).status).toBe(404);
		expect((await stranger.client.json(`/api/workshops/not-a-uuid`)).status).toBe(404);
	});

	it('removes a member, who can no longer read the workshop nor rejoin with the same session', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const participant = await joinedParticipant(server, workshop.code);
		expect((await participant.client.json(`/api/workshops/${workshop.id}`)).status).toBe(200);
		const del = await facilitator.client.request(
			`/api/workshops/${workshop.id}/members/${participant.memberId}`,
			{ method: 'DELETE' }
		);
		expect(del.status).toBe(204);
		expect((await participant.client.json(`/api/workshops/${workshop.id}`)).status).toBe(404);
		const again = await participant.client.json('/api/join', {
			method: 'POST',
			json: { code: workshop.code, displayName: 'Moussa' }
		});
		expect(again.status).toBe(403);
	});

	it('turns an invite link into a reviewer membership for a signed-in mayor', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const invite = await facilitator.client.json<{ url: string }>(
			`/api/workshops/${workshop.id}/invites`,
			{
				method: 'POST',
				json: { role: 'reviewer' }
			}
		);
		expect(invite.status).toBe(201);
		const token = invite.body.url.split('/invitation/')[1];
		const mayor = await signedInAccount(server, 'Maire de Maradi I');
		const { role, workshopId } = await server.app.members.acceptInvite(mayor.user, token);
		expect({ role, workshopId }).toEqual({ role: 'reviewer', workshopId: workshop.id });
		const got = await mayor.client.json<{ you: { role: string } }>(`/api/workshops/${workshop.id}`);
		expect(got.body.you.role).toBe('reviewer');
	});

	it('slows down wrong join codes from one address after the free allowance, with 429 and Retry-After', async () => {
		const statuses: number[] = [];
		let last: Response | undefined;
		for (let i = 0; i < GUESS_RULES.joinAddress.free + 2; i++) {
			// A fresh client each time: dropping cookies changes nothing.
			last = await new HttpClient(server.url).request('/api/join', {
				method: 'POST',
				json: { code: 'ZZZZZZ', displayName: 'X' }
			});
			statuses.push(last.status);
		}
		// An earlier test of this file guessed once from the same address.
		const firstRefusal = statuses.indexOf(429);
		expect(firstRefusal).toBeGreaterThanOrEqual(GUESS_RULES.joinAddress.free - 1);
		expect(statuses.slice(0, firstRefusal).every((s) => s === 404)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
		expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	});

	it('sends security headers: a CSP without unsafe-eval that forbids framing', async () => {
		const res = await new HttpClient(server.url).request('/');
		expect(res.status).toBe(200);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain('unsafe-eval');
		expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(await res.text()).toContain('<html lang="fr">');
	});
});
