// Backup and restore of the embedded database (PGlite in DATA_DIR): PGlite's own dumpDataDir,
// a gzipped tarball of its PGDATA, and loadDataDir to start a database from one. Both take the
// data-dir lock, so neither runs beside a server using the folder (PGlite allows one opener).
// PostgreSQL deployments use pg_dump / pg_restore instead (docs/operations.md « Backups »).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock';
import { PGLITE_CONF } from './client';

export class BackupError extends Error {
	override name = 'BackupError';
	constructor(
		readonly key: 'cli_restore_missing' | 'cli_restore_invalid',
		readonly params: Record<string, string>
	) {
		super(`${key} ${JSON.stringify(params)}`);
	}
}

const PGDATA = 'pglite';

/** Writes DATA_DIR's database to `file` (gzip tar); returns its size in bytes. */
export async function backupDataDir(dataDir: string, file: string): Promise<number> {
	fs.mkdirSync(dataDir, { recursive: true });
	const lock = acquireDataDirLock(dataDir);
	try {
		// An empty folder gets an empty database: its backup restores to a fresh start.
		const client = new PGlite(path.join(dataDir, PGDATA), { postgresqlconf: PGLITE_CONF });
		let dump: Blob;
		try {
			await client.waitReady;
			dump = await client.dumpDataDir('gzip');
		} finally {
			await client.close();
		}
		// Written beside its destination, then renamed: a backup cut half-way never looks whole.
		const partial = `${file}.partial`;
		fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		fs.renameSync(partial, file);
		return dump.size;
	} finally {
		lock.release();
	}
}

/**
 * Replaces DATA_DIR's database with the one in `file`. The backup is opened and queried in a
 * folder of its own first; only then is the current database moved aside (its folder is
 * returned: nothing is deleted; null when there was none) and the restored one put in its place.
 */
export async function restoreDataDir(dataDir: string, file: string): Promise<string | null> {
	if (!fs.existsSync(file)) throw new BackupError('cli_restore_missing', { file });
	fs.mkdirSync(dataDir, { recursive: true });
	const lock = acquireDataDirLock(dataDir);
	const staging = path.join(dataDir, `${PGDATA}.restoring`);
	try {
		fs.rmSync(staging, { recursive: true, force: true });
		try {
			const client = new PGlite(staging, {
				loadDataDir: new Blob([fs.readFileSync(file)]),
				postgresqlconf: PGLITE_CONF
			});
			try {
				await client.waitReady;
				await client.query('select 1');
			} finally {
				await client.close().catch(() => undefined);
			}
		} catch (error) {
			fs.rmSync(staging, { recursive: true, force: true });
			const reason = error instanceof Error ? error.message : String(error);
			throw new BackupError('cli_restore_invalid', { file, reason });
		}
		const current = path.join(dataDir, PGDATA);
		const kept = path.join(dataDir, `${PGDATA}.before-restore-${stamp()}`);
		const had = fs.existsSync(current);
		if (had) fs.renameSync(current, kept);
		fs.renameSync(staging, current);
		return had ? kept : null;
	} finally {
		lock.release();
	}
}

/** 2026-12-05T07-12-30 (no colons: the folder name works on every file system). */
function stamp(): string {
	return new Date().toISOString().slice(0, 19).replaceAll(':', '-');
}
