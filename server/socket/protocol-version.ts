// socket.io middleware, first in line: a client whose protocol version the server does not serve
// is refused before any session lookup, with a connect_error whose `data` is the standard
// WireError (`client_outdated`: reload; `server_outdated`: this instance is older than the page).
// socket.io-client does not retry a connection refused by a middleware, so an old phone stops
// here instead of hammering the server; its banner says what to do.
import { readCookie } from '../../src/lib/server/auth/session-token';
import { LOCALE_COOKIE, pickLocale, wireError } from '../../src/lib/server/i18n';
import {
	compareProtocol,
	parseClientProtocol,
	PROTOCOL_PARAM,
	PROTOCOL_VERSION
} from '../../src/lib/protocol/version';
import type { PalabreSocket } from './socket-types';

export function checkProtocolVersion(minClientProtocol: number) {
	return (socket: PalabreSocket, next: (error?: Error) => void) => {
		const auth = socket.handshake.auth as Record<string, unknown> | undefined;
		const claimed = parseClientProtocol(auth?.[PROTOCOL_PARAM]);
		const verdict = compareProtocol(claimed, {
			version: PROTOCOL_VERSION,
			min: minClientProtocol
		});
		if (verdict === 'ok') return next();
		const { headers } = socket.handshake;
		const locale = pickLocale(
			readCookie(headers.cookie, LOCALE_COOKIE),
			headers['accept-language']
		);
		const code = verdict === 'client_too_old' ? 'client_outdated' : 'server_outdated';
		const data = wireError(code, locale);
		const error = new Error(data.message) as Error & { data?: unknown };
		error.data = data;
		next(error);
	};
}
