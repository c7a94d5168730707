// What the crash and database-cut tests share: `npm start`'s bundle run in a child process (so a
// kill or a driver's uncaught error ends the child, never the test runner), a throwaway
// PostgreSQL database, and a workshop with a notes document seeded through the real services.
import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { createApp, type App } from '../../src/lib/server/app';
import { parseConfig, type Config } from '../../src/lib/server/config';

const root = path.resolve(import.meta.dirname, '../..');

export type Cleanups = Array<() => Promise<void> | void>;

/** The app's configuration for these variables, on port 0 and loopback, with our migrations. */
function childConfig(env: Record<string, string>): Config {
	return {
		...parseConfig({ PORT: '0', HOST: '127.0.0.1', ...env }),
		migrationsDir: path.join(root, 'drizzle')
	};
}

/** Creates a database named `prefix_…` on the server of `adminUrl`, dropped by the cleanups. */
export async function throwawayDatabase(
	adminUrl: string,
	prefix: string,
	cleanups: Cleanups
): Promise<string> {
	const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	cleanups.push(async () => {
		const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await drop.unsafe(`drop database if exists ${name} with (force)`);
		await drop.end();
	});
	const target = new URL(adminUrl);
	target.pathname = `/${name}`;
	return target.toString();
}

/** A facilitator, a workshop of hers and its notes document, created through the services. */
export async function seedWorkshopWithNotes(app: App, emailPrefix: string) {
	const facilitator = await app.accounts.signUp({
		email: `${emailPrefix}-${Date.now()}@example.org`,
		name: 'Animatrice',
		password: `mot-de-passe-${emailPrefix}`
	});
	const workshop = await app.workshops.create(facilitator, {
		title: 'Atelier de quartier',
		kind: 'concertation'
	} as never);
	const document = await app.documents.create(facilitator, workshop.id, {
		kind: 'notes',
		title: 'Notes de la séance'
	});
	return { facilitator, workshop, document };
}

/** Opens the app on `env` (migrating it), runs `use`, and closes it (before or after a child runs). */
export async function withApp<T>(env: Record<string, string>, use: (app: App) => Promise<T>) {
	const app = await createApp(childConfig(env));
	try {
		return await use(app);
	} finally {
		await app.close();
	}
}

/** `npm start`'s bundle in a child; `url` resolves once it listens, rejects if it exits first. */
export function startServerChild(env: Record<string, string>, cleanups: Cleanups) {
	const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			LANG: 'en_US.UTF-8',
			PORT: '0',
			HOST: '127.0.0.1',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	let exitCode: number | null | undefined;
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => {
			exitCode = code;
			resolve(code);
		})
	);
	const url = new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk;
			const found = /listening on (http:\/\/[^:]+:\d+)/.exec(output);
			if (found) resolve(found[1].replace('localhost', '127.0.0.1'));
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk));
		void exited.then((code) => reject(new Error(`server exited (${code}): ${output}`)));
	});
	cleanups.push(() => void child.kill('SIGKILL'));
	return {
		child,
		url,
		port: url.then((address) => Number(new URL(address).port)),
		exited,
		output: () => output,
		exitCode: () => exitCode
	};
}
