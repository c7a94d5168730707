// Starts the real Palabre server on port 0 over a fresh test database, with SvelteKit's built
// handler (tests/helpers/global-setup.ts builds it) or, for realtime-only tests, without.
import { parseConfig } from '../../src/lib/server/config';
import { loadKitHandler, startServer, type RunningServer } from '../../server/http-server';
import type { AppOptions } from '../../src/lib/server/app';
import { createTestDatabase, migrationsDir } from './test-database';

export async function startTestServer(
	options: {
		kit?: boolean;
		env?: Record<string, string>;
		app?: Pick<AppOptions, 'now' | 'sessionSweepMs' | 'opinionIntervalMs'>;
	} = {}
): Promise<RunningServer> {
	const database = await createTestDatabase();
	const config = {
		...parseConfig({
			PORT: '0',
			HOST: '127.0.0.1',
			REDIS_URL: process.env.REDIS_URL,
			...options.env
		}),
		migrationsDir,
		databaseUrl: undefined
	};
	const running = await startServer(config, {
		...options.app,
		database,
		kitHandler: options.kit === false ? null : await loadKitHandler()
	});
	return {
		...running,
		async close() {
			await running.close();
			await database.close();
		}
	};
}
