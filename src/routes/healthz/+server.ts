import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const { database, config } = locals.app;
	try {
		await database.db.execute(sql`select 1`);
	} catch {
		return json({ ok: false, db: database.kind, version: config.version }, { status: 503 });
	}
	return json({ ok: true, db: database.kind, version: config.version });
};
