// Instances started together on one PostgreSQL database migrate it once: the migrations run
// under an advisory lock, the others wait and find nothing left to do. PostgreSQL only (PGlite
// admits a single process per data folder, see data-dir-lock.ts).
import fs from 'node:fs';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/client';
import { migrationsDir } from '../helpers/test-database';

const adminUrl = process.env.DATABASE_URL;
const name = `palabre_t_mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(!adminUrl)('migrations at start on PostgreSQL', () => {
	afterAll(async () => {
		const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	});

	it('four instances opening an empty database at once all start, and each migration runs once', async () => {
		const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		await admin.end();
		const url = new URL(adminUrl!);
		url.pathname = `/${name}`;

		const opened = await Promise.allSettled(
			Array.from({ length: 4 }, () => openDatabase({ databaseUrl: url.toString(), migrationsDir }))
		);
		const handles = opened
			.filter((r): r is PromiseFulfilledResult<DatabaseHandle> => r.status === 'fulfilled')
			.map((r) => r.value);
		try {
			expect(opened.filter((r) => r.status === 'rejected')).toEqual([]);
			const check = postgres(url.toString(), { max: 1, onnotice: () => {} });
			const rows = await check`select hash from drizzle.__drizzle_migrations`;
			const [{ n }] = await check`select count(*)::int as n from workshops`;
			await check.end();
			const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'));
			expect(rows).toHaveLength(files.length);
			expect(new Set(rows.map((r) => r.hash)).size).toBe(files.length);
			expect(n).toBe(0);
		} finally {
			await Promise.all(handles.map((h) => h.close()));
		}
	});
});
