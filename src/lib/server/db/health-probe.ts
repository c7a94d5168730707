// A bounded database probe for /healthz: a load balancer or a watchdog must get an answer within a
// second even while PostgreSQL is failing (a connection being re-established once held it 3 s).
import { sql } from 'drizzle-orm';
import type { Database } from './client';

export type DatabaseHealth = 'ok' | 'degraded';

/** `select 1`, answered within `timeoutMs`: 'degraded' when it fails or is late. */
export async function probeDatabase(db: Database, timeoutMs = 800): Promise<DatabaseHealth> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<DatabaseHealth>((resolve) => {
		timer = setTimeout(() => resolve('degraded'), timeoutMs);
	});
	const probe = db.execute(sql`select 1`).then(
		(): DatabaseHealth => 'ok',
		(): DatabaseHealth => 'degraded'
	);
	try {
		return await Promise.race([probe, late]);
	} finally {
		clearTimeout(timer);
	}
}
