// Guessing limits at a venue where everyone shares one address: the real
// server, a clock the test moves (no sleeps, no real minutes) and addresses given by
// X-Forwarded-For, as behind the proxy of an online deployment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/server/config';
import { loadKitHandler, startServer, type RunningServer } from '../../server/http-server';
import type { DatabaseHandle } from '../../src/lib/server/db/client';
import { GUESS_RULES, maxEvaluatedPerWindow } from '../../src/lib/domain/guess-limits';
import { createTestDatabase, migrationsDir } from '../helpers/test-database';
import { HttpClient } from '../helpers/http-client';

const MINUTE = 60_000;
const previousAddressHeader = process.env.ADDRESS_HEADER;

/** The app's clock: every service reads it, the test moves it. */
const clock = { t: Date.now(), now: () => clock.t };

async function startOn(database: DatabaseHandle, env: Record<string, string> = {}) {
	// adapter-node reads ADDRESS_HEADER once, when its handler is first imported.
	process.env.ADDRESS_HEADER = 'x-forwarded-for';
	const config = {
		...parseConfig({ PORT: '0', HOST: '127.0.0.1', ...env }),
		migrationsDir,
		databaseUrl: undefined
	};
	return startServer(config, { database, kitHandler: await loadKitHandler(), now: clock.now });
}

/** A phone or laptop at `address`: its own cookies, every request from that address. */
class Device extends HttpClient {
	constructor(
		base: string,
		readonly address: string
	) {
		super(base);
	}
	override request(path: string, init: RequestInit & { json?: unknown } = {}) {
		const headers = new Headers(init.headers);
		headers.set('x-forwarded-for', this.address);
		return super.request(path, { ...init, headers });
	}
}

/** One wrong code from `address`, with no cookies at all (a fresh client every time). */
async function guess(server: RunningServer, address: string, code: string) {
	const res = await fetch(`${server.url}/api/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
		body: JSON.stringify({ code, displayName: 'Devin' })
	});
	const body = (await res.json()) as { error: { code: string; message: string } };
	return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

/** Codes no workshop has: the test's workshops are looked up and skipped. */
function* wrongCodes(taken: Set<string>) {
	const alphabet = 'ABCDEFGHJKMNPQRTUVWXY346789';
	for (let i = 0; ; i++) {
		let n = i;
		let code = '';
		for (let k = 0; k < 6; k++) {
			code += alphabet[n % alphabet.length];
			n = Math.floor(n / alphabet.length);
		}
		if (!taken.has(code)) yield code;
	}
}

async function facilitatorAt(server: RunningServer, address: string) {
	const email = `animatrice-${Math.random().toString(36).slice(2)}@example.org`;
	const password = 'mot-de-passe-sûr';
	await server.app.accounts.signUp({ email, name: 'Aïcha', password });
	const device = new Device(server.url, address);
	const signIn = await device.json('/api/session', { method: 'POST', json: { email, password } });
	expect(signIn.status).toBe(200);
	const created = await device.json<{ id: string; code: string }>('/api/workshops', {
		method: 'POST',
		json: { title: 'Bootcamp de Maradi', kind: 'bootcamp' }
	});
	expect(created.status).toBe(201);
	return { device, email, password, workshop: created.body };
}

let database: DatabaseHandle;
let server: RunningServer;
beforeAll(async () => {
	database = await createTestDatabase();
	server = await startOn(database);
});
afterAll(async () => {
	await server?.close();
	await database?.close();
	if (previousAddressHeader === undefined) delete process.env.ADDRESS_HEADER;
	else process.env.ADDRESS_HEADER = previousAddressHeader;
});

describe('wrong join codes from one shared address', () => {
	// 3,000 requests through the whole stack are the point of this test, hence its own time limit.
	it(
		'3,000 wrong codes without cookies keep out neither a real participant nor the administrator at that address',
		{ timeout: 180_000 },
		async () => {
			const venue = '198.51.100.7';
			const { workshop, email, password, device } = await facilitatorAt(server, venue);
			// The facilitator runs the room from the venue: its address is now known for the workshop.
			expect((await device.request(`/w/${workshop.code}/animation`)).status).toBe(200);

			const codes = wrongCodes(new Set([workshop.code]));
			const start = clock.t;
			const answered: number[] = [];
			const retryAfters: number[] = [];
			// Ten phones at once, ten rounds a second of the app's clock: 3,000 in five minutes.
			for (let round = 0; round < 300; round++) {
				const at = clock.t - start;
				const batch = await Promise.all(
					Array.from({ length: 10 }, () => guess(server, venue, codes.next().value!))
				);
				for (const res of batch) {
					if (res.status === 404) answered.push(at);
					else {
						expect(res.status).toBe(429);
						expect(res.body.error.code).toBe('too_many_attempts');
						expect(res.body.error.message).toMatch(
							/^Trop d’essais manqués\. Réessayez dans \d+ s\.$/
						);
						retryAfters.push(Number(res.retryAfter));
					}
				}
				clock.t += 1_000;
			}
			// The bound comes from the schedule: no window of a minute had more answers than it allows.
			const bound = maxEvaluatedPerWindow(GUESS_RULES.joinAddress, MINUTE);
			for (let m = 0; m < 5; m++) {
				const inMinute = answered.filter((t) => t >= m * MINUTE && t < (m + 1) * MINUTE).length;
				expect(inMinute).toBeLessThanOrEqual(bound);
			}
			expect(answered.length).toBeLessThan(bound + 4 * 10);
			expect(Math.max(...retryAfters)).toBeLessThanOrEqual(
				GUESS_RULES.joinAddress.maxDelayMs / 1000
			);

			// Right after, from the same address: a participant with the real code, then the admin.
			const phone = new Device(server.url, venue);
			const joined = await phone.json('/api/join', {
				method: 'POST',
				json: { code: workshop.code, displayName: 'Mariama' }
			});
			expect(joined.status).toBe(201);
			const admin = new Device(server.url, venue);
			const signIn = await admin.json('/api/session', {
				method: 'POST',
				json: { email, password }
			});
			expect(signIn.status).toBe(200);
		}
	);

	it(
		'does not scale with addresses: all addresses together get the server-wide bound, and a newcomer waits seconds, not for ever',
		{ timeout: 120_000 },
		async () => {
			clock.t += 24 * 60 * MINUTE; // yesterday's guessing has drained away
			const { workshop } = await facilitatorAt(server, '203.0.113.200');
			const codes = wrongCodes(new Set([workshop.code]));
			const start = clock.t;
			let answered = 0;
			let lastWait = 0;
			// 20 addresses, 10 guesses a second of the app's clock, for one minute.
			for (let round = 0; round < 60; round++) {
				const batch = await Promise.all(
					Array.from({ length: 10 }, (_, k) =>
						guess(server, `192.0.2.${(round * 10 + k) % 20}`, codes.next().value!)
					)
				);
				for (const res of batch) {
					if (res.status === 404) answered++;
					else lastWait = Number(res.retryAfter);
				}
				clock.t += 1_000;
			}
			expect(clock.t - start).toBe(MINUTE);
			// 20 addresses × 37 would be 740: the server-wide rule holds them to its own bound.
			expect(answered).toBeLessThanOrEqual(maxEvaluatedPerWindow(GUESS_RULES.joinServer, MINUTE));
			expect(answered).toBeLessThan(20 * maxEvaluatedPerWindow(GUESS_RULES.joinAddress, MINUTE));
			expect(lastWait).toBeGreaterThan(0);
			expect(lastWait).toBeLessThanOrEqual(GUESS_RULES.joinServer.maxDelayMs / 1000);

			// Someone joining from an address never seen: told to wait a few seconds, then let in.
			const remote = new Device(server.url, '203.0.113.9');
			const waiting = await remote.json<{ error: { code: string } }>('/api/join', {
				method: 'POST',
				json: { code: workshop.code, displayName: 'Ibrahim' }
			});
			expect(waiting.status).toBe(429);
			const seconds = Number(waiting.headers.get('retry-after'));
			expect(seconds).toBeLessThanOrEqual(GUESS_RULES.joinServer.maxDelayMs / 1000);
			clock.t += seconds * 1000;
			const joined = await remote.json('/api/join', {
				method: 'POST',
				json: { code: workshop.code, displayName: 'Ibrahim' }
			});
			expect(joined.status).toBe(201);
		}
	);

	it('counts the join page of an unknown code as a guess, so the page is no faster oracle', async () => {
		clock.t += 24 * 60 * MINUTE;
		const address = '198.51.100.77';
		const codes = wrongCodes(new Set());
		const statuses: number[] = [];
		for (let i = 0; i < GUESS_RULES.joinAddress.free + 2; i++) {
			const res = await new Device(server.url, address).request(`/j/${codes.next().value}`);
			statuses.push(res.status);
		}
		expect(statuses.slice(0, GUESS_RULES.joinAddress.free + 1).every((s) => s === 404)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
	});
});

describe('wrong passwords', () => {
	it('slow down an account tried from many devices and addresses, with growing delays, while its owner at a known address still signs in', async () => {
		clock.t += 24 * 60 * MINUTE;
		const email = `maire-${Math.random().toString(36).slice(2)}@example.org`;
		const password = 'le-bon-mot-de-passe';
		await server.app.accounts.signUp({ email, name: 'Madame la Maire', password });
		const office = new Device(server.url, '198.51.100.30');
		expect(
			(await office.json('/api/session', { method: 'POST', json: { email, password } })).status
		).toBe(200);

		const waits: number[] = [];
		let refusedWrong = 0;
		for (let i = 0; i < 12; i++) {
			// A new device (no cookies) at a new address every time.
			const attacker = new Device(server.url, `192.0.2.${100 + i}`);
			const res = await attacker.json<{ error: { code: string } }>('/api/session', {
				method: 'POST',
				json: { email, password: `essai-${i}` }
			});
			if (res.status === 429) {
				refusedWrong++;
				waits.push(Number(res.headers.get('retry-after')));
				clock.t += Number(res.headers.get('retry-after')) * 1000;
			} else expect(res.status).toBe(401);
		}
		expect(refusedWrong).toBeGreaterThan(0);
		// Each wait at least as long as the one before, and longer overall.
		expect(waits).toEqual([...waits].sort((a, b) => a - b));
		expect(waits.at(-1)!).toBeGreaterThan(waits[0]);

		// The right password from an unknown address waits like any guess (answering would tell)…
		const stranger = new Device(server.url, '192.0.2.250');
		expect(
			(await stranger.json('/api/session', { method: 'POST', json: { email, password } })).status
		).toBe(429);
		// …but the owner, at the address she signed in from before, is not kept out.
		const again = new Device(server.url, '198.51.100.30');
		expect(
			(await again.json('/api/session', { method: 'POST', json: { email, password } })).status
		).toBe(200);
	});

	it('slow down one address trying many accounts (password spraying), on the sign-in form too', async () => {
		clock.t += 24 * 60 * MINUTE;
		const address = '198.51.100.40';
		const statuses: number[] = [];
		for (let i = 0; i < GUESS_RULES.loginAddress.free + 2; i++) {
			const res = await new Device(server.url, address).json('/api/session', {
				method: 'POST',
				json: { email: `personne-${i}@example.org`, password: 'azerty123' }
			});
			statuses.push(res.status);
		}
		expect(statuses.slice(0, GUESS_RULES.loginAddress.free + 1).every((s) => s === 401)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
		const form = new FormData();
		form.set('email', 'encore@example.org');
		form.set('password', 'azerty123');
		const page = await new Device(server.url, address).request('/connexion', {
			method: 'POST',
			body: form,
			headers: { accept: 'application/json', 'accept-language': 'en' }
		});
		const result = (await page.json()) as { type: string; status: number; data: string };
		expect(result.type).toBe('failure');
		expect(result.status).toBe(429);
		expect(result.data).toContain('Too many failed attempts. Try again in');
	});
});

describe('closing joining and ending a workshop', () => {
	it('refuses a join with a translated reason once the facilitator closes joining, and lets it in again once reopened', async () => {
		const { workshop, device } = await facilitatorAt(server, '198.51.100.50');
		const closed = await device.json<{ joinOpen: boolean }>(
			`/api/workshops/${workshop.id}/joining`,
			{ method: 'PUT', json: { open: false } }
		);
		expect(closed.body).toEqual({ joinOpen: false });
		const phone = new Device(server.url, '198.51.100.51');
		const refused = await phone.json<{ error: { code: string; message: string } }>('/api/join', {
			method: 'POST',
			json: { code: workshop.code, displayName: 'Fati' }
		});
		expect(refused.status).toBe(403);
		expect(refused.body.error).toMatchObject({
			code: 'joining_closed',
			message: 'L’accès à cet atelier est fermé. Demandez à l’animateur·rice de le rouvrir.'
		});
		const english = await phone.json<{ error: { message: string } }>('/api/join', {
			method: 'POST',
			json: { code: workshop.code, displayName: 'Fati' },
			headers: { 'accept-language': 'en' }
		});
		expect(english.body.error.message).toBe(
			'Joining this workshop is closed. Ask the facilitator to reopen it.'
		);
		// The facilitator's view offers the same switch as a form.
		const form = new FormData();
		form.set('open', 'true');
		const reopened = await device.request(`/w/${workshop.code}/animation?/joining`, {
			method: 'POST',
			body: form,
			headers: { accept: 'application/json' }
		});
		expect(((await reopened.json()) as { type: string }).type).toBe('success');
		const joined = await phone.json('/api/join', {
			method: 'POST',
			json: { code: workshop.code, displayName: 'Fati' }
		});
		expect(joined.status).toBe(201);
	});

	it('lets only a facilitator close joining', async () => {
		const { workshop } = await facilitatorAt(server, '198.51.100.60');
		const phone = new Device(server.url, '198.51.100.61');
		await phone.json('/api/join', {
			method: 'POST',
			json: { code: workshop.code, displayName: 'Ali' }
		});
		const res = await phone.json(`/api/workshops/${workshop.id}/joining`, {
			method: 'PUT',
			json: { open: false }
		});
		expect(res.status).toBe(403);
	});

	it('refuses the code of an ended workshop', async () => {
		const { workshop, device } = await facilitatorAt(server, '198.51.100.70');
		expect(
			(await device.json(`/api/workshops/${workshop.id}/end`, { method: 'POST' })).status
		).toBe(200);
		const res = await new Device(server.url, '198.51.100.71').json<{
			error: { code: string; message: string };
		}>('/api/join', { method: 'POST', json: { code: workshop.code, displayName: 'Awa' } });
		expect(res.status).toBe(410);
		expect(res.body.error).toMatchObject({
			code: 'workshop_ended',
			message: 'Cet atelier est terminé : son code ne permet plus de le rejoindre.'
		});
	});
});

describe('after a restart', () => {
	it('a guesser who was slowed down is still slowed down', async () => {
		clock.t += 24 * 60 * MINUTE;
		const address = '198.51.100.90';
		const codes = wrongCodes(new Set());
		let res;
		do res = await guess(server, address, codes.next().value!);
		while (res.status === 404);
		expect(res.status).toBe(429);
		await server.close();
		server = await startOn(database);
		const after = await guess(server, address, codes.next().value!);
		expect(after.status).toBe(429);
		expect(Number(after.retryAfter)).toBeGreaterThan(0);
	});

	it.skipIf(!process.env.REDIS_URL)(
		'with REDIS_URL the limits live in Redis and survive the restart there',
		async () => {
			clock.t += 24 * 60 * MINUTE;
			await server.close();
			server = await startOn(database, { REDIS_URL: process.env.REDIS_URL! });
			const address = '198.51.100.91';
			const codes = wrongCodes(new Set());
			let res;
			do res = await guess(server, address, codes.next().value!);
			while (res.status === 404);
			await server.close();
			server = await startOn(database, { REDIS_URL: process.env.REDIS_URL! });
			expect((await guess(server, address, codes.next().value!)).status).toBe(429);
			// Nothing about that address in the table: Redis kept it.
			const rows = await database.db.execute(
				`select key from guess_limits where key like '%198.51.100.91%'` as never
			);
			expect(Array.from(rows as unknown as unknown[]).length).toBe(0);
		}
	);
});
