import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/lib/server/app';
import { parseConfig } from '../../src/lib/server/config';
import { ServiceError } from '../../src/lib/server/services/service-error';
import { createTestDatabase } from '../helpers/test-database';

let app: App;
let closeDb: () => Promise<void>;

beforeAll(async () => {
	const database = await createTestDatabase();
	closeDb = database.close;
	app = await createApp(parseConfig({}), { database });
});
afterAll(async () => {
	await app.close();
	await closeDb();
});

describe('accounts', () => {
	it('offers the one-time setup only while no account exists, and makes that first account an admin', async () => {
		expect(await app.accounts.needsSetup()).toBe(true);
		const admin = await app.accounts.setupFirstAdmin({
			email: 'Admin@Example.org',
			name: 'Admin',
			password: 'une-phrase-longue'
		});
		expect(admin.isAdmin).toBe(true);
		expect(admin.email).toBe('admin@example.org');
		expect(await app.accounts.needsSetup()).toBe(false);
		await expect(
			app.accounts.setupFirstAdmin({
				email: 'b@example.org',
				name: 'B',
				password: 'une-phrase-longue'
			})
		).rejects.toMatchObject({ code: 'setup_done' });
	});

	it('signs in with the right password only, whatever the case of the e-mail', async () => {
		await app.accounts.signUp({
			email: 'maire@maradi.ne',
			name: 'Maire',
			password: 'correct-horse'
		});
		const user = await app.accounts.signIn({ email: 'MAIRE@maradi.ne', password: 'correct-horse' });
		expect(user.name).toBe('Maire');
		await expect(
			app.accounts.signIn({ email: 'maire@maradi.ne', password: 'wrong-horse' })
		).rejects.toMatchObject({ code: 'invalid_credentials' });
		await expect(
			app.accounts.signIn({ email: 'nobody@maradi.ne', password: 'correct-horse' })
		).rejects.toMatchObject({ code: 'invalid_credentials' });
	});

	it('refuses a second account with the same e-mail and a short password, naming the field', async () => {
		await app.accounts.signUp({ email: 'dup@example.org', name: 'A', password: 'long-enough' });
		await expect(
			app.accounts.signUp({ email: 'dup@example.org', name: 'B', password: 'long-enough' })
		).rejects.toMatchObject({ code: 'email_taken', details: { field: 'email' } });
		const error = await app.accounts
			.signUp({ email: 'short@example.org', name: 'C', password: 'short' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ServiceError);
		expect((error as ServiceError).details.field).toBe('password');
	});

	it('stores only the hash of a session token, renews a session in its last 15 days and ends it on sign-out', async () => {
		let now = Date.parse('2026-01-01T00:00:00Z');
		const user = await app.accounts.signUp({
			email: 's@example.org',
			name: 'S',
			password: 'long-enough'
		});
		const { createSessionService } = await import('../../src/lib/server/auth/sessions');
		const { createUsersRepository } = await import('../../src/lib/server/repositories/users');
		const sessions = createSessionService(
			createUsersRepository(app.database.db),
			{ ended: () => 0 },
			() => now
		);
		const { token, expiresAt } = await sessions.create(user.id);
		const { sessions: table } = await import('../../src/lib/server/db/schema');
		const { hashToken } = await import('../../src/lib/server/auth/session-token');
		const ids = (await app.database.db.select().from(table)).map((row) => row.id);
		expect(ids).not.toContain(token);
		expect(ids).toContain(hashToken(token));
		now += 20 * 24 * 3600 * 1000; // 10 days left
		const renewed = await sessions.validate(token);
		expect(renewed?.session.renewed).toBe(true);
		expect(renewed!.session.expiresAt.getTime()).toBeGreaterThan(expiresAt.getTime());
		await sessions.invalidate(token);
		expect(await sessions.validate(token)).toBeNull();
	});

	it('forgets an expired session', async () => {
		let now = Date.parse('2026-01-01T00:00:00Z');
		const user = await app.accounts.signUp({
			email: 'e@example.org',
			name: 'E',
			password: 'long-enough'
		});
		const { createSessionService } = await import('../../src/lib/server/auth/sessions');
		const { createUsersRepository } = await import('../../src/lib/server/repositories/users');
		const sessions = createSessionService(
			createUsersRepository(app.database.db),
			{ ended: () => 0 },
			() => now
		);
		const { token } = await sessions.create(user.id);
		now += 31 * 24 * 3600 * 1000;
		expect(await sessions.validate(token)).toBeNull();
	});
});
