import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Answers within a second whatever the database and Redis do. 200 while the database answers
 * (`degraded` when Redis is away: this instance still serves its clients), 503 when it does not.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const { database, config, health } = locals.app;
	const report = await health.check();
	return json(
		{ ...report, db: database.kind, version: config.version },
		{ status: report.database === 'up' ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
