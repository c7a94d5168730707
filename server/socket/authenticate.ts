// socket.io middleware: the same session cookie and the same validation as HTTP requests.
import type { App } from '../../src/lib/server/app';
import { readCookie, SESSION_COOKIE } from '../../src/lib/server/auth/session-token';
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
			next();
		} catch (error) {
			next(error instanceof Error ? error : new Error(String(error)));
		}
	};
}
