// PGlite must be opened by one process at a time: a second opener would corrupt the files.
// A pid file in DATA_DIR lets the CLI say "a server is running" instead of failing obscurely.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseUnavailableError } from './errors';

export interface DataDirLock {
	release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
	const file = path.join(dataDir, 'palabre.pid');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
			let released = false;
			return {
				release() {
					if (released) return;
					released = true;
					fs.rmSync(file, { force: true });
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(fs.readFileSync(file, 'utf8'));
			if (isAlive(holder) && holder !== process.pid) {
				throw new DatabaseUnavailableError('db_error_locked', {
					dataDir,
					pid: String(holder)
				});
			}
			// A stale lock from a process that died: take it over.
			fs.rmSync(file, { force: true });
		}
	}
	throw new DatabaseUnavailableError('db_error_locked', { dataDir, pid: '?' });
}

function isAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
