// Composition root of the production server: config → database → services → HTTP server.
// Run by `npm start` from the bundle in dist/. A start-up failure Palabre knows (configuration,
// database, port) is one translated line on stderr for the person who typed the command, not a
// log line; once started, the server speaks through the logger (JSON lines, LOG_LEVEL), its own
// lines translated (LANG) for the operator.
import { ConfigError, parseConfig } from '../src/lib/server/config';
import { DatabaseUnavailableError } from '../src/lib/server/db/errors';
import { pickLocale, translate } from '../src/lib/server/i18n';
import { startServer } from './http-server';
import { guardPostgresConnectionLoss } from './postgres-loss-guard';
import { createLogger } from '../src/lib/server/log';

const log = createLogger('server');

const locale = pickLocale(undefined, process.env.LC_ALL || process.env.LANG?.replace('_', '-'));

async function main() {
	const startedAt = performance.now();
	const config = parseConfig();
	// Only PostgreSQL goes through postgres.js, whose lost connections must not end the process.
	if (config.databaseUrl)
		guardPostgresConnectionLoss((error) =>
			log.warn(translate('server_db_connection_lost', locale, { error: error.message }))
		);
	const running = await startServer(config);
	const ms = Math.round(performance.now() - startedAt);
	log.info(
		translate('server_listening', locale, {
			url: config.origin ?? running.url.replace('127.0.0.1', 'localhost'),
			db: running.app.database.kind,
			ms
		})
	);

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info(translate('server_stopping', locale, { signal }));
		const force = setTimeout(() => process.exit(1), 10_000);
		force.unref();
		await running.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
	if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
		console.error(translate(error.key, locale, error.params));
	} else if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
		console.error(translate('server_port_in_use', locale, { port: process.env.PORT ?? '3000' }));
	} else {
		log.fatal({ err: error }, translate('server_start_failed', locale));
	}
	process.exit(1);
});
