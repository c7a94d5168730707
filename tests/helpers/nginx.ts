// Debian's nginx in front of N Palabre instances, for the multi-instance tests and the scale
// bench: a generated configuration in a temporary prefix, nginx run as a child (`daemon off`) on
// a free loopback port. The proxy rules are the ones a deployment needs (WebSocket upgrades on
// /socket.io and /collab, long read timeouts, retry on a dead instance); see
// docs/operations/nginx.conf.template for the production file.
//
// Tests must know which instance a client lands on, so a request may carry
// `X-Palabre-Instance: <index>`: it goes to that instance, and to the others (as `backup`) when
// it is down — exactly what a client of a killed instance sees through the real proxy.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
/** The header that pins a test client to one instance (see above). */
export const PIN_HEADER = 'X-Palabre-Instance';

export interface NginxConfigOptions {
	/** The instances' loopback ports, in pin order. */
	backends: number[];
	listenPort: number;
	/** Directory for the pid file, logs and nginx's temporary files. */
	prefix: string;
}

/** An nginx.conf for `backends` behind one port; pure, so it can be read and checked in tests. */
export function nginxConfig({ backends, listenPort, prefix }: NginxConfigOptions): string {
	const servers = (first: number | null) =>
		backends
			.map((port, i) => {
				const backup = first !== null && i !== first ? ' backup' : '';
				// A dead instance is skipped at once and retried after 2 s.
				return `        server 127.0.0.1:${port} max_fails=1 fail_timeout=2s${backup};`;
			})
			.join('\n');
	const pinned = backends
		.map((_, i) => `    upstream palabre_pin${i} {\n${servers(i)}\n    }`)
		.join('\n');
	const pins = backends.map((_, i) => `        ${i} palabre_pin${i};`).join('\n');
	return `daemon off;
master_process off;
worker_processes 1;
# Each proxied WebSocket holds two connections (client and instance): the scale bench's 5,000
# phones need 10,000, and the file limit must follow.
worker_rlimit_nofile 65536;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    client_max_body_size 2m;

    # Upgrade for WebSockets, keep-alive to the instances otherwise.
    map $http_upgrade $connection_upgrade {
        default upgrade;
        '' '';
    }
    upstream palabre_all {
${servers(null)}
        keepalive 32;
    }
${pinned}
    map $http_x_palabre_instance $palabre_upstream {
        default palabre_all;
${pins}
    }

    server {
        listen 127.0.0.1:${listenPort};
        proxy_http_version 1.1;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_connect_timeout 2s;
        # A refused or reset connection tries the next instance; a request already sent is not
        # replayed (a POST could be applied twice).
        proxy_next_upstream error timeout;

        location /socket.io/ {
            proxy_pass http://$palabre_upstream;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 75s;
            proxy_buffering off;
        }
        location /collab/ {
            proxy_pass http://$palabre_upstream;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 75s;
            proxy_buffering off;
        }
        location / {
            proxy_pass http://$palabre_upstream;
            proxy_set_header Connection $connection_upgrade;
        }
    }
}
`;
}

/** A free loopback port (closed again at once: the caller binds it next, a tiny race). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export function nginxAvailable(): boolean {
	return fs.existsSync(NGINX_BIN);
}

export interface RunningNginx {
	url: string;
	port: number;
	prefix: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** Starts nginx in front of `backends`; resolves once its port accepts connections. */
export async function startNginx(backends: number[]): Promise<RunningNginx> {
	const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-nginx-'));
	const listenPort = await freePort();
	const conf = path.join(prefix, 'nginx.conf');
	fs.writeFileSync(conf, nginxConfig({ backends, listenPort, prefix }));
	let output = '';
	// -e: the error log before the configuration is read (Debian's default is under /var/log).
	const child = spawn(NGINX_BIN, ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log')], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	const deadline = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null) {
			const log = fs.readFileSync(path.join(prefix, 'error.log'), 'utf8');
			throw new Error(`nginx exited (${child.exitCode}): ${output}${log}`);
		}
		if (await accepts(listenPort)) break;
		if (Date.now() > deadline) throw new Error(`nginx did not listen: ${output}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return {
		url: `http://127.0.0.1:${listenPort}`,
		port: listenPort,
		prefix,
		child,
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGQUIT');
				const killed = setTimeout(() => child.kill('SIGKILL'), 3_000);
				await exited;
				clearTimeout(killed);
			}
			fs.rmSync(prefix, { recursive: true, force: true });
		}
	};
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}
