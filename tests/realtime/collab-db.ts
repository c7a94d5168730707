// A migrated database for the SQL document store: in-process PGlite by default, a throw-away
// PostgreSQL database (dropped afterwards) when DATABASE_URL is set. By default it is the suite's
// own createTestDatabase() (migrations from drizzle/, what the server applies at start);
// COLLAB_MIGRATIONS_DIR points at other migrations (e.g. generated into /tmp before drizzle/ has
// the collab tables).
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database } from '../../src/lib/server/db/client';
import { createTestDatabase } from '../helpers/test-database';

export interface TestDatabase {
	db: Database;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

export const sqlBackend: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

const customMigrations = process.env.COLLAB_MIGRATIONS_DIR;
const migrationsFolder = path.resolve(customMigrations ?? 'drizzle');

export async function openTestDatabase(): Promise<TestDatabase> {
	const handle = !customMigrations
		? await createTestDatabase()
		: process.env.DATABASE_URL
			? await openPostgres(process.env.DATABASE_URL)
			: await openPglite();
	try {
		const found = await handle.db.execute<{ table: string | null }>(
			sql`select to_regclass('doc_updates')::text as "table"`
		);
		const rows = Array.isArray(found)
			? found
			: (found as { rows: Array<{ table: string | null }> }).rows;
		if (!rows[0]?.table) {
			throw new Error(
				`no doc_updates table after migrating ${migrationsFolder}: run drizzle-kit generate ` +
					'(or point COLLAB_MIGRATIONS_DIR at migrations that include schema/collab.ts)'
			);
		}
	} catch (error) {
		await handle.close();
		throw error;
	}
	return handle;
}

async function openPglite(): Promise<TestDatabase> {
	const client = new PGlite();
	await client.waitReady;
	const db = drizzlePglite({ client });
	await migratePglite(db, { migrationsFolder });
	return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}

async function openPostgres(url: string): Promise<TestDatabase> {
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	const name = `collab_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
	let target = url;
	let created = false;
	try {
		await admin.unsafe(`create database ${name}`);
		const parsed = new URL(url);
		parsed.pathname = `/${name}`;
		target = parsed.toString();
		created = true;
	} catch {
		// No CREATE DATABASE right: use DATABASE_URL itself; random document ids keep tests apart.
	}
	const client = postgres(target, { max: 4, onnotice: () => {} });
	const db = drizzlePostgres({ client });
	await migratePostgres(db, { migrationsFolder });
	return {
		db: db as unknown as Database,
		kind: 'postgres',
		async close() {
			await client.end({ timeout: 5 });
			if (created) await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}
