// Users and sessions: the only code that reads or writes those tables.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
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
				.select({ ...userColumns, passwordHash: users.passwordHash })
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
		async findSession(id: string) {
			const [row] = await db
				.select({ session: sessions, user: userColumns })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.where(eq(sessions.id, id));
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
