// Runs a socket handler and answers its ack: the service's result, or its error translated into
// the socket's language. Unexpected errors are logged and answered with a generic `internal`.
import type { Ack } from '../../src/lib/protocol/events';
import { isServiceError } from '../../src/lib/server/services/service-error';
import { wireError, type Locale } from '../../src/lib/server/i18n';
import { createLogger } from '../../src/lib/server/log';

const log = createLogger('socket');

export async function answer<T>(
	locale: Locale,
	ack: unknown,
	work: () => Promise<T>
): Promise<void> {
	if (typeof ack !== 'function') return; // an intent without ack is malformed: ignore it
	let response: Ack<T>;
	try {
		response = { ok: true, data: await work() };
	} catch (error) {
		if (isServiceError(error)) {
			response = { ok: false, error: wireError(error.code, locale, error.details) };
		} else {
			log.error({ err: error }, 'handler failed');
			response = { ok: false, error: wireError('internal', locale) };
		}
	}
	(ack as (r: Ack<T>) => void)(response);
}
