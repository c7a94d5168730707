import { json } from '@sveltejs/kit';
import { probeDatabase } from '$lib/server/db/health-probe';
import type { RequestHandler } from './$types';

/** Answers within a second whatever the database does: `degraded` (503) while it fails or lags. */
export const GET: RequestHandler = async ({ locals }) => {
	const { database, config } = locals.app;
	const status = await probeDatabase(database.db);
	const ok = status === 'ok';
	return json(
		{ ok, status, db: database.kind, version: config.version },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
