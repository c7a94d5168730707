// Operator commands: `npm run palabre -- user:create --email … --name … --role admin|facilitator`.
// The password is read from stdin (piped) or prompted without echo; there is no default password.
// `user:disable --email …` stops an account: no sign-in, every session ended, live connections
// closed on the running servers (told through Redis when REDIS_URL is set; otherwise their
// periodic re-validation closes them). `user:enable --email …` lets it sign in again.
//
// What this file prints with `console` is for the person at the terminal (translated sentences,
// results on stdout, mistakes on stderr), not logs; the services it calls still log through
// src/lib/server/log.ts (JSON lines, LOG_LEVEL), like in the server.
// `backup <file>` / `restore <file>`: the embedded database (DATA_DIR) to and from a gzip tar,
// refused while a server holds the folder; PostgreSQL is backed up with pg_dump.
// `translations export|import <locale> <file.csv>`: a language's catalog as a spreadsheet and back
// (docs/translation.md).
import path from 'node:path';
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { createApp } from '../src/lib/server/app';
import { ConfigError, parseConfig } from '../src/lib/server/config';
import { DatabaseUnavailableError } from '../src/lib/server/db/errors';
import { BackupError, backupDataDir, restoreDataDir } from '../src/lib/server/db/backup';
import { isServiceError } from '../src/lib/server/services/service-error';
import { pickLocale, translate } from '../src/lib/server/i18n';
import { announceEndedSessionsOnce } from './socket/session-peers';
import { translationsCommand } from '../src/lib/server/translations/translations-command';

const locale = pickLocale(undefined, process.env.LC_ALL || process.env.LANG?.replace('_', '-'));
const t = (key: string, params?: Record<string, unknown>) => translate(key, locale, params);

async function readPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		let data = '';
		for await (const chunk of process.stdin) data += chunk;
		return data.split(/\r?\n/)[0] ?? '';
	}
	process.stdout.write(t('cli_password_prompt') + ' ');
	const rl = readline.createInterface({ input: process.stdin, terminal: true });
	// Suppress the echo of typed characters.
	(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
	const password = await new Promise<string>((resolve) => rl.question('', resolve));
	rl.close();
	process.stdout.write('\n');
	return password;
}

async function userCreate(args: string[]) {
	const { values } = parseArgs({
		args,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string', default: 'facilitator' }
		}
	});
	if (!values.email || !values.name || !['admin', 'facilitator'].includes(values.role ?? '')) {
		console.error(t('cli_usage'));
		return 2;
	}
	const config = parseConfig();
	const app = await createApp(config);
	try {
		const password = await readPassword();
		const user = await app.accounts.createAccount(
			{ email: values.email, name: values.name, password },
			{ admin: values.role === 'admin' }
		);
		console.log(t('cli_user_created', { email: user.email ?? '', role: values.role }));
		return 0;
	} finally {
		await app.close();
	}
}

async function userSetDisabled(args: string[], disable: boolean) {
	const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
	if (!values.email) {
		console.error(t('cli_sessions_usage'));
		return 2;
	}
	const config = parseConfig();
	const app = await createApp(config);
	// The sessions this process ends have no socket here: the servers holding them must hear of it.
	const announcements: Promise<void>[] = [];
	const { redisUrl } = config;
	if (redisUrl) {
		app.liveSessions.onAnnounce((ids, reason) => {
			announcements.push(announceEndedSessionsOnce(redisUrl, ids, reason));
		});
	}
	try {
		if (!disable) {
			const user = await app.accounts.enable(values.email);
			if (!user) return unknownUser(values.email);
			console.log(t('cli_user_enabled', { email: user.email ?? '' }));
			return 0;
		}
		const result = await app.accounts.disable(values.email);
		if (!result) return unknownUser(values.email);
		const failed = (await Promise.allSettled(announcements)).find((r) => r.status === 'rejected');
		if (failed) console.error(t('cli_sessions_announce_failed', { reason: String(failed.reason) }));
		console.log(
			t('cli_user_disabled', { email: result.user.email ?? '', sessions: result.sessions })
		);
		return 0;
	} finally {
		await app.close();
	}
}

async function backupOrRestore(command: 'backup' | 'restore', args: string[]) {
	const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
	if (positionals.length !== 1) {
		console.error(t('cli_backup_usage'));
		return 2;
	}
	const config = parseConfig();
	if (config.databaseUrl) {
		console.error(t('cli_backup_postgres'));
		return 2;
	}
	const file = path.resolve(positionals[0]);
	const { dataDir } = config;
	if (command === 'backup') {
		const bytes = await backupDataDir(dataDir, file);
		const size = (bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 });
		console.log(t('cli_backup_written', { dataDir, file, size }));
		return 0;
	}
	const kept = await restoreDataDir(dataDir, file);
	console.log(
		kept
			? t('cli_restore_done', { file, dataDir, kept })
			: t('cli_restore_done_fresh', { file, dataDir })
	);
	return 0;
}

function unknownUser(email: string) {
	console.error(t('cli_user_unknown', { email }));
	return 1;
}

async function main(): Promise<number> {
	const [command, ...args] = process.argv.slice(2);
	if (command === 'user:create') return userCreate(args);
	if (command === 'user:disable') return userSetDisabled(args, true);
	if (command === 'user:enable') return userSetDisabled(args, false);
	if (command === 'backup' || command === 'restore') return backupOrRestore(command, args);
	// Run from the repository (npm run palabre): the catalogs are its src/messages files.
	if (command === 'translations') return translationsCommand(process.cwd(), args, t);
	console.error(t('cli_usage'));
	console.error(t('cli_sessions_usage'));
	console.error(t('cli_backup_usage'));
	return 2;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (
			error instanceof ConfigError ||
			error instanceof DatabaseUnavailableError ||
			error instanceof BackupError
		) {
			console.error(t(error.key, error.params));
		} else if (isServiceError(error)) {
			console.error(t(`error_${error.code}`, { field: error.details.field ?? '' }));
		} else {
			console.error(error);
		}
		process.exit(1);
	}
);
