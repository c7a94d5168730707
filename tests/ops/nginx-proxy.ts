// Runs Debian's nginx with the committed docs/operations/nginx.conf in front of Palabre servers
// on loopback: the upstream ports and the listen port are substituted, everything else is the
// file operators install. nginx runs in the foreground as a child of the test, with its pid,
// logs and temp files in a folder of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '../helpers/wait-for';

export const NGINX = '/usr/sbin/nginx';
export const SITE_CONF = path.resolve(import.meta.dirname, '../../docs/operations/nginx.conf');

export interface NginxProxy {
	url: string;
	/** The site file as nginx ran it. */
	site: string;
	errorLog(): string;
	close(): Promise<void>;
}

export async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as net.AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

/** The committed site with each upstream's servers replaced by `ports`, listening on `listen`. */
export function templateSite(source: string, ports: number[], listen: number): string {
	let site = source.replace(/^\tlisten 80;$/m, `\tlisten 127.0.0.1:${listen};`);
	site = site.replace(/upstream (\w+) \{([\s\S]*?)\n\}/g, (_block, name: string, body: string) => {
		const lines = body.split('\n');
		const first = lines.findIndex((l) => /^\tserver 127\.0\.0\.1:\d+ /.test(l));
		const template = lines[first];
		const servers = ports.map((p) => template.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${p}`));
		const rest = lines.filter((l) => !/^\tserver 127\.0\.0\.1:\d+ /.test(l));
		rest.splice(first, 0, ...servers);
		return `upstream ${name} {${rest.join('\n')}\n}`;
	});
	if (!site.includes(`listen 127.0.0.1:${listen};`)) throw new Error('no `listen 80;` to replace');
	return site;
}

export async function startNginx(upstreamPorts: number[]): Promise<NginxProxy> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-nginx-'));
	const port = await freePort();
	const site = templateSite(fs.readFileSync(SITE_CONF, 'utf8'), upstreamPorts, port);
	fs.writeFileSync(path.join(dir, 'palabre.conf'), site);
	const temp = (name: string) => path.join(dir, name);
	// What Debian's /etc/nginx/nginx.conf provides around a site, minus what needs root paths.
	fs.writeFileSync(
		path.join(dir, 'nginx.conf'),
		[
			'daemon off;',
			'worker_processes 1;',
			`pid ${temp('nginx.pid')};`,
			`error_log ${temp('error.log')} warn;`,
			...(process.getuid?.() === 0 ? ['user root;'] : []),
			'events { worker_connections 256; }',
			'http {',
			`  access_log ${temp('access.log')};`,
			`  client_body_temp_path ${temp('client_body')};`,
			`  proxy_temp_path ${temp('proxy')};`,
			`  fastcgi_temp_path ${temp('fastcgi')};`,
			`  uwsgi_temp_path ${temp('uwsgi')};`,
			`  scgi_temp_path ${temp('scgi')};`,
			`  include ${temp('palabre.conf')};`,
			'}',
			''
		].join('\n')
	);
	const child: ChildProcess = spawn(
		NGINX,
		['-e', temp('error.log'), '-p', dir, '-c', temp('nginx.conf')],
		{ stdio: ['ignore', 'ignore', 'pipe'] }
	);
	let stderr = '';
	child.stderr!.on('data', (d) => (stderr += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const errorLog = () =>
		fs.existsSync(temp('error.log')) ? fs.readFileSync(temp('error.log'), 'utf8') : '';
	try {
		await waitFor(
			() => {
				if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${errorLog()}`);
				return new Promise<boolean>((resolve) => {
					const socket = net.connect(port, '127.0.0.1');
					socket.once('connect', () => (socket.destroy(), resolve(true)));
					socket.once('error', () => resolve(false));
				});
			},
			10_000,
			{ description: 'nginx listening' }
		);
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
	return {
		url: `http://127.0.0.1:${port}`,
		site,
		errorLog,
		async close() {
			if (child.exitCode === null) {
				child.kill('SIGQUIT');
				await exited;
			}
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
