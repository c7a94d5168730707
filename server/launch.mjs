#!/usr/bin/env node
// `npm start`, `npm run build` and `npm run palabre` go through here: build what is missing or
// older than its sources (SvelteKit app, then the server and CLI bundles), then run.
// Plain JavaScript so that it runs on a fresh clone with nothing compiled yet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SOURCES = [
	'src',
	'server',
	'static',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'package.json'
];
const STAMP = path.join(root, 'dist', '.build-stamp');

/** @param {string} entry @returns {number} */
function newestMtime(entry) {
	let stat;
	try {
		stat = fs.statSync(entry);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const name of fs.readdirSync(entry)) {
		if (name === 'paraglide' || name === 'node_modules') continue; // generated
		newest = Math.max(newest, newestMtime(path.join(entry, name)));
	}
	return newest;
}

function isStale() {
	if (!fs.existsSync(path.join(root, 'build', 'handler.js'))) return true;
	if (!fs.existsSync(path.join(root, 'dist', 'server.js'))) return true;
	const built = Number(fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : 0);
	return Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s)))) > built;
}

/** @param {{ force?: boolean, quiet?: boolean }} [options] */
export async function build({ force = false, quiet = false } = {}) {
	if (!force && !isStale()) return false;
	const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(
		process.execPath,
		[vite, 'build', ...(quiet ? ['--logLevel', 'warn'] : [])],
		{
			cwd: root,
			stdio: 'inherit',
			// A build started from the tests inherits NODE_ENV=test; the app is built for production.
			env: { ...process.env, NODE_ENV: 'production' }
		}
	);
	if (result.status !== 0) throw new Error('vite build failed');
	const esbuild = await import('esbuild');
	await esbuild.build({
		absWorkingDir: root,
		entryPoints: { server: 'server/index.ts', cli: 'server/cli.ts' },
		outdir: 'dist',
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		sourcemap: true,
		logLevel: 'warning'
	});
	fs.writeFileSync(STAMP, String(sourcesAt));
	return true;
}

async function main() {
	const [command = 'start', ...args] = process.argv.slice(2);
	if (command === 'i18n') {
		const { compile } = await import('@inlang/paraglide-js');
		const { paraglideOptions } = await import('./paraglide-options.mjs');
		await compile({
			...paraglideOptions,
			project: path.join(root, paraglideOptions.project),
			outdir: path.join(root, paraglideOptions.outdir)
		});
		return;
	}
	if (command === 'docs:permissions') {
		// The table is TypeScript in the domain: esbuild bundles its renderer for this one run.
		const esbuild = await import('esbuild');
		const out = await esbuild.build({
			absWorkingDir: root,
			entryPoints: ['src/lib/domain/permissions-doc.ts'],
			bundle: true,
			platform: 'node',
			format: 'esm',
			write: false,
			logLevel: 'warning'
		});
		const code = out.outputFiles[0].text;
		const { renderPermissionsDoc } = await import(
			`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
		);
		fs.writeFileSync(path.join(root, 'docs', 'permissions.md'), renderPermissionsDoc());
		return;
	}
	if (command === 'i18n:check' || command === 'i18n:participant-keys') {
		// TypeScript in src/lib: esbuild bundles the translation tools for this one run.
		const esbuild = await import('esbuild');
		const out = await esbuild.build({
			absWorkingDir: root,
			entryPoints: ['src/lib/server/translations/i18n-tools.ts'],
			bundle: true,
			platform: 'node',
			format: 'esm',
			packages: 'external',
			write: false,
			logLevel: 'warning'
		});
		const file = path.join(root, 'node_modules', '.palabre-i18n-tools.mjs');
		fs.writeFileSync(file, out.outputFiles[0].text);
		const tools = await import(pathToFileURL(file).href);
		if (command === 'i18n:participant-keys') await tools.writeManifest(root);
		else if (!tools.runCheck(root)) process.exitCode = 1;
		return;
	}
	if (command === 'build') {
		await build({ force: args.includes('--force') });
		return;
	}
	await build({ quiet: command === 'cli' });
	const entry = command === 'cli' ? 'cli.js' : 'server.js';
	process.argv = [process.argv[0], path.join(root, 'dist', entry), ...args];
	await import(pathToFileURL(path.join(root, 'dist', entry)).href);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
