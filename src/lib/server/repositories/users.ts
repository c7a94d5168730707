// Users and sessions: the only code that reads or writes those tables.
import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { sessions, users, type UserRow } from '../db/schema';

export type User = Pick<UserRow, 'id' | 'kind' | 'email' | 'name' | 'isAdmin'>;

const userColumns = {
	id: users.id,
	kind: users.kind,
	email: users.email,
	name: users.name,
	isAdmin: users.isAdmin
};

export function createUsersRepository(db: Database) {
	return {
		async countAccounts(): Promise<number> {
			const [row] = await db
				.select({ n: sql<number>`count(*)::int` })
				.from(users)
				.where(eq(users.kind, 'account'));
			return row.n;
		},
		async insertAccount(input: {
			email: string;
			name: string;
			passwordHash: string;
			isAdmin: boolean;
		}): Promise<User | null> {
			const rows = await db
				.insert(users)
				.values({ kind: 'account', ...input })
				.onConflictDoNothing()
				.returning(userColumns);
			return rows[0] ?? null;
		},
		async insertGuest(name: string): Promise<User> {
			const [row] = await db.insert(users).values({ kind: 'guest', name }).returning(userColumns);
			return row;
		},
		async findCredentials(email: string) {
			const [row] = await db
				.select({ ...userColumns, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
				.from(users)
				.where(eq(users.email, email));
			return row ?? null;
		},
		async findById(id: string): Promise<User | null> {
			const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
			return row ?? null;
		},
		async insertSession(id: string, userId: string, expiresAt: Date) {
			await db.insert(sessions).values({ id, userId, expiresAt });
		},
		/** A session of a disabled account is not found: it gives no access, whatever its expiry. */
		async findSession(id: string) {
			const [row] = await db
				.select({ session: sessions, user: userColumns })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.where(and(eq(sessions.id, id), isNull(users.disabledAt)));
			return row ?? null;
		},
		/** Expiry of each of these sessions that exists and belongs to an enabled account. */
		async sessionExpiries(ids: string[]): Promise<Map<string, number>> {
			if (ids.length === 0) return new Map();
			const rows = await db
				.select({ id: sessions.id, expiresAt: sessions.expiresAt })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.where(and(inArray(sessions.id, ids), isNull(users.disabledAt)));
			return new Map(rows.map((row) => [row.id, row.expiresAt.getTime()]));
		},
		/** Of these users, those whose account is disabled. */
		async disabledUserIds(ids: string[]): Promise<Set<string>> {
			if (ids.length === 0) return new Set();
			const rows = await db
				.select({ id: users.id })
				.from(users)
				.where(and(inArray(users.id, ids), isNotNull(users.disabledAt)));
			return new Set(rows.map((row) => row.id));
		},
		/** Deletes every session of a user; returns their ids (to close their live connections). */
		async deleteUserSessions(userId: string): Promise<string[]> {
			const rows = await db
				.delete(sessions)
				.where(eq(sessions.userId, userId))
				.returning({ id: sessions.id });
			return rows.map((row) => row.id);
		},
		/** Disables (or enables) an account by e-mail; null when there is no such account. */
		async setDisabled(email: string, disabledAt: Date | null): Promise<User | null> {
			const [row] = await db
				.update(users)
				.set({ disabledAt })
				.where(and(eq(users.email, email), eq(users.kind, 'account')))
				.returning(userColumns);
			return row ?? null;
		},
		async extendSession(id: string, expiresAt: Date) {
			await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
		},
		async deleteSession(id: string) {
			await db.delete(sessions).where(eq(sessions.id, id));
		},
		async deleteExpiredSessions(now: Date) {
			await db.delete(sessions).where(lt(sessions.expiresAt, now));
		},
		async countLiveSessions(userId: string, now: Date): Promise<number> {
			const [row] = await db
				.select({ n: sql<number>`count(*)::int` })
				.from(sessions)
				.where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
			return row.n;
		}
	};
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
