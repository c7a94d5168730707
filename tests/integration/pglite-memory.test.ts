// PGlite opens with Palabre's memory settings (small shared buffers: its WebAssembly heap never
// shrinks, see docs/performance.md « Votes »), both on a data directory and from a dump.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/client';
import { createTestDatabase, migrationsDir } from '../helpers/test-database';

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const close of opened.splice(0)) await close();
});

async function setting(handle: DatabaseHandle, name: 'shared_buffers' | 'wal_buffers') {
	const rows = (await handle.db.execute(sql.raw(`show ${name}`))) as unknown as
		{ rows: Record<string, string>[] } | Record<string, string>[];
	const list = Array.isArray(rows) ? rows : rows.rows;
	return list[0]?.[name];
}

describe.skipIf(process.env.DATABASE_URL)('the embedded database', () => {
	it('runs with 16 MB of shared buffers on a data directory', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-pglite-memory-'));
		const handle = await openDatabase({ dataDir, migrationsDir, migrate: false });
		opened.push(async () => {
			await handle.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		});
		expect(handle.kind).toBe('pglite');
		expect(await setting(handle, 'shared_buffers')).toBe('16MB');
		expect(await setting(handle, 'wal_buffers')).toBe('1MB');
	});

	it('runs with the same settings when started from a dump (the tests)', async () => {
		const handle = await createTestDatabase();
		opened.push(() => handle.close());
		expect(await setting(handle, 'shared_buffers')).toBe('16MB');
	});
});
