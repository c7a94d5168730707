// Opens the database: PGlite in DATA_DIR by default (venue mode, no service to install) or
// PostgreSQL through postgres.js when DATABASE_URL is set. Same schema, same migrations.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { DatabaseUnavailableError } from './errors';

export { DatabaseUnavailableError };

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** What a repository receives: the database or an open transaction. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'> & {
	transaction: Database['transaction'];
};

export interface DatabaseHandle {
	db: Database;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

export interface OpenOptions {
	databaseUrl?: string;
	dataDir?: string;
	/** An in-memory PGlite started from a dump (tests start every database from one migrated dump). */
	pgliteFrom?: Blob | File;
	migrationsDir: string;
	migrate?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
	const handle = options.databaseUrl
		? await openPostgres(options.databaseUrl)
		: await openPglite(options);
	if (options.migrate !== false) {
		try {
			await migrateDatabase(handle, options.migrationsDir);
		} catch (error) {
			await handle.close();
			throw error;
		}
	}
	return handle;
}

/**
 * Key of the advisory lock that serialises migrations (any constant no other lock of this
 * database uses; it spells "PALA" in ASCII).
 */
export const MIGRATION_LOCK_KEY = 0x50414c41;

export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder: string) {
	if (handle.kind === 'postgres') {
		// N instances started together (a deployment, a systemd restart) would each find the
		// migration missing and run it: the second fails on « already exists ». drizzle takes no
		// lock, so one transaction holds an advisory lock while the migrator runs on another
		// connection of the pool; the next instance waits, then finds nothing left to do. A
		// transaction-level lock is released by PostgreSQL even if this process dies mid-way.
		await handle.db.transaction(async (tx) => {
			await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
			await migratePostgres(handle.db as never, { migrationsFolder });
		});
	} else {
		await migratePglite(handle.db as never, { migrationsFolder });
	}
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
	const sql = postgres(url, {
		max: 10,
		onnotice: () => {},
		connect_timeout: 10,
		// postgres.js fetches array types on every new connection from an un-awaited async call:
		// a connection cut during that fetch (failover, pg_terminate_backend) is an unhandled
		// rejection, which ends a Node process. The schema has no enum or custom-type arrays.
		fetch_types: false,
		connection: { application_name: 'palabre' }
	});
	try {
		await sql`select 1`;
	} catch (error) {
		await sql.end({ timeout: 1 });
		throw new DatabaseUnavailableError('db_error_unreachable', {
			target: redactUrl(url),
			reason: error instanceof Error ? error.message : String(error)
		});
	}
	const db = drizzlePostgres({ client: sql, schema }) as unknown as Database;
	return { db, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
}

/**
 * PGlite runs PostgreSQL inside a WebAssembly heap that grows and never shrinks: the stock
 * `shared_buffers` (128 MB) ends up resident. Palabre's working set during a vote is a few MB,
 * so 16 MB of buffers (the files stay in the OS page cache) brought the live-vote bench's peak
 * RSS from 590–640 MB to 450–530 MB with no measurable cost in ack latency (docs/performance.md).
 */
export const PGLITE_CONF = ['shared_buffers = 16MB', 'wal_buffers = 1MB'];

async function openPglite(options: OpenOptions): Promise<DatabaseHandle> {
	let lock: DataDirLock | undefined;
	let client: PGlite;
	if (options.pgliteFrom) {
		client = new PGlite({ loadDataDir: options.pgliteFrom, postgresqlconf: PGLITE_CONF });
	} else {
		const dataDir = options.dataDir ?? path.resolve('data');
		// PGlite does not create a missing parent folder, and allows one opener per directory.
		fs.mkdirSync(dataDir, { recursive: true });
		lock = acquireDataDirLock(dataDir);
		try {
			client = new PGlite(path.join(dataDir, 'pglite'), { postgresqlconf: PGLITE_CONF });
		} catch (error) {
			lock.release();
			throw error;
		}
	}
	await client.waitReady;
	const db = drizzlePglite({ client, schema }) as unknown as Database;
	return {
		db,
		kind: 'pglite',
		close: async () => {
			await client.close();
			lock?.release();
		}
	};
}

function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'DATABASE_URL';
	}
}
