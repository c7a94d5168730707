import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/lib/server/db/data-dir-lock';
import { createApp } from '../../src/lib/server/app';
import { parseConfig } from '../../src/lib/server/config';

// The operator commands as an operator runs them: the built bundles, in a child process.
const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

function tempDataDir() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-cli-'));
	dirs.push(dir);
	return dir;
}

function run(entry: string, args: string[], env: Record<string, string>, stdin = '') {
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		const child = spawn(process.execPath, [path.join(root, 'dist', entry), ...args], {
			cwd: root,
			env: { PATH: process.env.PATH ?? '', LANG: 'fr_FR.UTF-8', ...env }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(stdin);
	});
}

afterAll(() => {
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('operator commands', { timeout: 90_000 }, () => {
	it('creates an admin account with the password read from stdin', async () => {
		const dataDir = tempDataDir();
		const res = await run(
			'cli.js',
			['user:create', '--email', 'Maire@Maradi.ne', '--name', 'Mairie', '--role', 'admin'],
			{ DATA_DIR: dataDir },
			'une-longue-phrase\n'
		);
		expect(res.stderr).toBe('');
		expect(res.stdout.trim()).toBe('Compte créé\u202f: maire@maradi.ne (admin).');
		expect(res.code).toBe(0);
	});

	it('refuses a short password, naming the field, and creates nothing', async () => {
		const dataDir = tempDataDir();
		const res = await run(
			'cli.js',
			['user:create', '--email', 'a@b.ne', '--name', 'A'],
			{ DATA_DIR: dataDir },
			'court\n'
		);
		expect(res.code).toBe(1);
		expect(res.stderr.trim()).toBe('Champ invalide\u202f: password.');
	});

	it('disables an account by e-mail and enables it again; an unknown e-mail gets one line', async () => {
		const dataDir = tempDataDir();
		const created = await run(
			'cli.js',
			['user:create', '--email', 'agent@maradi.ne', '--name', 'Agent'],
			{ DATA_DIR: dataDir },
			'une-longue-phrase\n'
		);
		expect(created.code).toBe(0);
		const disabled = await run('cli.js', ['user:disable', '--email', 'Agent@Maradi.ne'], {
			DATA_DIR: dataDir
		});
		expect(disabled.stderr).toBe('');
		expect(disabled.stdout.trim()).toBe(
			'Compte désactivé : agent@maradi.ne. Sessions fermées : 0.'
		);
		expect(disabled.code).toBe(0);
		const enabled = await run('cli.js', ['user:enable', '--email', 'agent@maradi.ne'], {
			DATA_DIR: dataDir
		});
		expect(enabled.stdout.trim()).toBe(
			'Compte réactivé : agent@maradi.ne. Il peut se connecter de nouveau.'
		);
		const unknown = await run('cli.js', ['user:disable', '--email', 'personne@maradi.ne'], {
			DATA_DIR: dataDir
		});
		expect(unknown.code).toBe(1);
		expect(unknown.stderr.trim()).toBe('Aucun compte avec l’adresse personne@maradi.ne.');
	});

	it('says in one line that a running server holds the embedded database', async () => {
		const dataDir = tempDataDir();
		const lock = acquireDataDirLock(dataDir);
		try {
			const res = await run(
				'cli.js',
				['user:create', '--email', 'a@b.ne', '--name', 'A'],
				{ DATA_DIR: dataDir },
				'x\n'
			);
			expect(res.code).toBe(1);
			expect(res.stderr.trim().split('\n')).toHaveLength(1);
			expect(res.stderr).toContain(`pid ${process.pid}`);
		} finally {
			lock.release();
		}
	});

	it('stops the server at start with one clear line for a bad PORT or DATABASE_URL', async () => {
		const port = await run('server.js', [], { PORT: 'abc', DATA_DIR: tempDataDir() });
		expect(port.code).toBe(1);
		expect(port.stderr.trim()).toBe(
			'PORT doit être un nombre entier entre 0 et 65535 (reçu\u202f: « abc »).'
		);
		const url = await run('server.js', [], { DATABASE_URL: 'mysql://x', PORT: '0' });
		expect(url.code).toBe(1);
		expect(url.stderr.trim()).toBe('DATABASE_URL doit commencer par postgres: | postgresql://');
		const down = await run('server.js', [], {
			DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
			PORT: '0'
		});
		expect(down.code).toBe(1);
		expect(down.stderr.trim().split('\n')).toHaveLength(1);
		expect(down.stderr).toMatch(
			/^Base de données injoignable \(postgres:\/\/nobody@127\.0\.0\.1:1\/none\)/
		);
	});
});

describe('backup and restore of the embedded database', { timeout: 300_000 }, () => {
	const appOn = (dataDir: string) => createApp(parseConfig({ DATA_DIR: dataDir }, root));

	it('backs up a database with a workshop, restores it into a fresh folder, and the app finds it there', async () => {
		const source = tempDataDir();
		const app = await appOn(source);
		const user = await app.accounts.signUp({
			email: 'animatrice@maradi.ne',
			name: 'Aïcha',
			password: 'une-longue-phrase'
		});
		const workshop = await app.workshops.create(user, {
			title: 'Concertation de Tibiri',
			kind: 'concertation',
			commune: 'Tibiri'
		});
		await app.close();

		const file = path.join(tempDataDir(), 'palabre.tar.gz');
		const backup = await run('cli.js', ['backup', file], { DATA_DIR: source });
		expect(backup.stderr).toBe('');
		expect(backup.stdout.trim()).toMatch(
			new RegExp(`^Sauvegarde de ${source} écrite dans ${file} \\([\\d,]+ Mo\\)\\.$`)
		);
		expect(backup.code).toBe(0);
		expect(fs.existsSync(`${file}.partial`)).toBe(false);

		// A server holding the target folder: refused in one line, nothing touched.
		const target = tempDataDir();
		const lock = acquireDataDirLock(target);
		try {
			const refused = await run('cli.js', ['restore', file], { DATA_DIR: target });
			expect(refused.code).toBe(1);
			expect(refused.stderr.trim().split('\n')).toHaveLength(1);
			expect(refused.stderr).toContain(`pid ${process.pid}`);
			expect(fs.readdirSync(target)).toEqual(['palabre.pid']);
		} finally {
			lock.release();
		}

		const restored = await run('cli.js', ['restore', file], { DATA_DIR: target });
		expect(restored.stderr).toBe('');
		expect(restored.stdout.trim()).toBe(
			`${file} restauré dans ${target} (il n’y avait pas de base avant).`
		);
		expect(restored.code).toBe(0);

		const again = await appOn(target);
		try {
			const found = await again.workshops.findByCode(workshop.code);
			expect(found).toMatchObject({ id: workshop.id, title: 'Concertation de Tibiri' });
		} finally {
			await again.close();
		}

		// Restoring over an existing database keeps the previous one aside, never deletes it.
		const over = await run('cli.js', ['restore', file], { DATA_DIR: target });
		expect(over.code).toBe(0);
		const kept = fs.readdirSync(target).filter((f) => f.startsWith('pglite.before-restore-'));
		expect(kept).toHaveLength(1);
		expect(over.stdout).toContain(path.join(target, kept[0]));
	});

	it('refuses a file that is not a backup, a missing file, and a PostgreSQL deployment, in one line each', async () => {
		const dir = tempDataDir();
		const garbage = path.join(dir, 'notes.txt');
		fs.writeFileSync(garbage, 'pas une sauvegarde');
		const invalid = await run('cli.js', ['restore', garbage], { DATA_DIR: dir });
		expect(invalid.code).toBe(1);
		expect(invalid.stderr).toMatch(/^.*notes\.txt n’est pas une sauvegarde Palabre lisible/);
		expect(fs.readdirSync(dir).sort()).toEqual(['notes.txt']);

		const missing = await run('cli.js', ['restore', path.join(dir, 'absent.tar.gz')], {
			DATA_DIR: dir
		});
		expect(missing.code).toBe(1);
		expect(missing.stderr.trim()).toBe(
			`Fichier introuvable\u202f: ${path.join(dir, 'absent.tar.gz')}.`
		);

		const postgres = await run('cli.js', ['backup', path.join(dir, 'x.tar.gz')], {
			DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/palabre'
		});
		expect(postgres.code).toBe(2);
		expect(postgres.stderr).toContain('pg_dump');
		expect(postgres.stderr).toContain('pg_restore');

		const usage = await run('cli.js', ['backup'], { DATA_DIR: dir });
		expect(usage.code).toBe(2);
		expect(usage.stderr.trim()).toMatch(/^Usage\u202f: npm run palabre -- backup <fichier>/);
	});
});
