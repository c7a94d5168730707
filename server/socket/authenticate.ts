// socket.io middleware: the same session cookie and the same validation as HTTP requests. The
// socket then lives only as long as its session: sign-out, expiry or a disabled account closes it
// (see src/lib/server/auth/live-sessions.ts), after telling the client why.
import type { App } from '../../src/lib/server/app';
import { readCookie, SESSION_COOKIE } from '../../src/lib/server/auth/session-token';
import type { SessionEndReason } from '../../src/lib/server/auth/live-sessions';
import { LOCALE_COOKIE, pickLocale, translate } from '../../src/lib/server/i18n';
import type { PalabreSocket } from './socket-types';

export function authenticateSocket(app: App) {
	return async (socket: PalabreSocket, next: (error?: Error) => void) => {
		const headers = socket.handshake.headers;
		const locale = pickLocale(
			readCookie(headers.cookie, LOCALE_COOKIE),
			headers['accept-language']
		);
		try {
			const result = await app.sessions.validate(readCookie(headers.cookie, SESSION_COOKIE));
			if (!result) {
				const error = new Error(translate('error_unauthenticated', locale)) as Error & {
					data?: unknown;
				};
				error.data = { code: 'unauthenticated' };
				return next(error);
			}
			socket.data.user = result.user;
			socket.data.locale = locale;
			socket.data.session = { id: result.session.id, expiresAt: result.session.expiresAt };
			next();
		} catch (error) {
			next(error instanceof Error ? error : new Error(String(error)));
		}
	};
}

/**
 * Ties a connected socket to its session (on 'connection', so a handshake that never completes
 * leaves nothing behind).
 */
export function watchSession(app: App, socket: PalabreSocket) {
	const unwatch = app.liveSessions.watch(socket.data.session, (reason) =>
		endSocket(socket, reason)
	);
	socket.once('disconnect', unwatch);
}

/** Says why, then disconnects: the client does not reconnect after a server-side disconnect. */
function endSocket(socket: PalabreSocket, reason: SessionEndReason) {
	if (socket.disconnected) return;
	const message = translate(`live_session_ended_${reason}`, socket.data.locale);
	// Local, not `socket.emit`: with connection-state recovery and the Redis Streams adapter a
	// socket's emit is written to the stream first and delivered once Redis answers — after the
	// disconnect below. Nothing here is to be recovered: the session is over.
	socket.nsp.local.to(socket.id).emit('session:ended', { reason, message });
	socket.disconnect(true);
}
