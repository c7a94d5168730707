// postgres.js 3.4.9/3.4.10, when PostgreSQL drops a connection mid-write, throws from its own
// setImmediate (`nextWrite` on a socket it has already nulled, porsager/postgres#1154/#1208) and
// can leave a CONNECTION_CLOSED rejection nobody awaits. Both would end the process although the
// pool reconnects by itself and every query Palabre awaits has already failed cleanly (so nothing
// is confirmed stored that is not). This guard recognises only those two errors, logs them and
// keeps serving; any other uncaught error still ends the process as Node would.
import { createLogger } from '../src/lib/server/log';

const log = createLogger('server');

/** True for the errors postgres.js leaks when a connection is lost, and nothing else. */
export function isPostgresConnectionLoss(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	const code = (error as { code?: unknown }).code;
	if (code === 'CONNECTION_CLOSED' || code === 'CONNECTION_DESTROYED') return true;
	// The null-socket write: a TypeError whose top frame is postgres.js's nextWrite.
	const top = error.stack?.split('\n')[1] ?? '';
	return (
		error instanceof TypeError &&
		/reading 'write'/.test(error.message) &&
		/nextWrite/.test(top) &&
		/[\\/]postgres[\\/](src|cjs[\\/]src)[\\/]connection\.js/.test(top)
	);
}

export function guardPostgresConnectionLoss(onLoss: (error: Error) => void) {
	const onError = (error: unknown) => {
		if (isPostgresConnectionLoss(error)) return onLoss(error as Error);
		// Not ours: behave as Node would without a handler (the stack, then exit 1).
		log.fatal({ err: error }, 'uncaught error');
		process.exit(1);
	};
	process.on('uncaughtException', onError);
	process.on('unhandledRejection', onError);
}
