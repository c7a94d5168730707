// Operator commands: `npm run palabre -- user:create --email … --name … --role admin|facilitator`.
// The password is read from stdin (piped) or prompted without echo; there is no default password.
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { createApp } from '../src/lib/server/app';
import { ConfigError, parseConfig } from '../src/lib/server/config';
import { DatabaseUnavailableError } from '../src/lib/server/db/errors';
import { isServiceError } from '../src/lib/server/services/service-error';
import { pickLocale, translate } from '../src/lib/server/i18n';

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

async function main(): Promise<number> {
	const [command, ...args] = process.argv.slice(2);
	if (command === 'user:create') return userCreate(args);
	console.error(t('cli_usage'));
	return 2;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
			console.error(t(error.key, error.params));
		} else if (isServiceError(error)) {
			console.error(t(`error_${error.code}`, { field: error.details.field ?? '' }));
		} else {
			console.error(error);
		}
		process.exit(1);
	}
);
