// Session lifecycle (lucia guide): create, validate with sliding renewal, invalidate. Ending a
// session also ends its live connections, on every instance (see live-sessions.ts).
import type { UsersRepository, User } from '../repositories/users';
import type { LiveSessions, SessionEndReason } from './live-sessions';
import { generateToken, hashToken, SESSION_RENEW_MS, SESSION_TTL_MS } from './session-token';

export interface ValidSession {
	id: string;
	userId: string;
	expiresAt: Date;
	/** True when this validation pushed the expiry forward: the cookie must be re-sent. */
	renewed: boolean;
}

export function createSessionService(
	users: UsersRepository,
	live: Pick<LiveSessions, 'ended'>,
	now: () => number = Date.now
) {
	return {
		async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
			const token = generateToken();
			const expiresAt = new Date(now() + SESSION_TTL_MS);
			await users.insertSession(hashToken(token), userId, expiresAt);
			return { token, expiresAt };
		},
		async validate(
			token: string | undefined
		): Promise<{ session: ValidSession; user: User } | null> {
			if (!token || token.length > 64) return null;
			const id = hashToken(token);
			const row = await users.findSession(id);
			if (!row) return null;
			const t = now();
			if (row.session.expiresAt.getTime() <= t) {
				await users.deleteSession(id);
				live.ended([id], 'expired');
				return null;
			}
			let expiresAt = row.session.expiresAt;
			let renewed = false;
			if (expiresAt.getTime() - t < SESSION_RENEW_MS) {
				expiresAt = new Date(t + SESSION_TTL_MS);
				renewed = true;
				await users.extendSession(id, expiresAt);
			}
			return { session: { id, userId: row.user.id, expiresAt, renewed }, user: row.user };
		},
		/** Sign-out: the session is deleted and its open sockets are closed at once. */
		async invalidate(token: string) {
			const id = hashToken(token);
			await users.deleteSession(id);
			live.ended([id], 'signed_out');
		},
		/** Every session of a user (account disabled, password changed): deleted and closed. */
		async invalidateUser(userId: string, reason: SessionEndReason): Promise<number> {
			const ids = await users.deleteUserSessions(userId);
			live.ended(ids, reason);
			return ids.length;
		}
	};
}

export type SessionService = ReturnType<typeof createSessionService>;
