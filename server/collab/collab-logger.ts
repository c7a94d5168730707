// The collab layer logs through its own small interface (CollabLogger: an event name and data),
// so that tests can hand it a recorder; in the server it writes to the app's logger.
import { createLogger, type Logger } from '../../src/lib/server/log';
import type { CollabLogger } from './types';

export function createCollabLogger(log: Logger = createLogger('collab')): CollabLogger {
	return {
		warn: (event, data) => log.warn(data ?? {}, event),
		error: (event, data) => log.error(data ?? {}, event)
	};
}
