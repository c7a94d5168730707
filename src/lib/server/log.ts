// The server's one logger: pino writes one JSON line per event (`level`, `time`, `module`, the
// context fields, `msg`, `err` with its stack), cheap enough to leave on during a workshop and
// easy to filter with `jq` or a log collector. Operators choose how much with LOG_LEVEL.
//
// The root is created once, when this module is imported, from LOG_LEVEL: loggers are made at
// the top of the modules that use them, before any configuration object exists. It holds no
// state of the app (like `console`, it is where lines go), so it does not break the rule of no
// module-level mutable state. Messages are English, for operators: they never reach a user.
import pino, { type DestinationStream, type Logger } from 'pino';
import { parseLogLevel, type LogLevel } from './config';

export type { Logger };

/** Context fields added to every line of a logger (ids, never personal data or secrets). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface RootLoggerOptions {
	level: LogLevel;
	/** Where lines go; standard output when left out. Tests pass their own to read them. */
	destination?: DestinationStream;
}

export function createRootLogger(options: RootLoggerOptions): Logger {
	// process.stdout rather than pino's own SonicBoom: the latter keeps a worker (vitest's, a
	// child's) from exiting, and a workshop's few lines per second need no faster path.
	return pino({ level: options.level }, options.destination ?? process.stdout);
}

/** A bad LOG_LEVEL stops the start in parseConfig with a translated line; until then, `info`. */
function levelFromEnvironment(): LogLevel {
	try {
		return parseLogLevel(process.env.LOG_LEVEL);
	} catch {
		return 'info';
	}
}

const root = createRootLogger({ level: levelFromEnvironment() });

/**
 * A logger for one module (`{ module }` on every line) with optional fixed context; add more per
 * call site with `.child({ documentId })`. Errors go under `err`: `log.error({ err }, 'why')`.
 */
export function createLogger(
	module: string,
	fields: LogFields = {},
	parent: Logger = root
): Logger {
	return parent.child({ module, ...fields });
}
