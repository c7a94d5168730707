// The server side of bench/agenda.ts, in a child process so its CPU time is its own. Either the
// real Palabre server (PGlite in a temporary directory, sessions made through the services) or a
// bare socket.io server that only re-broadcasts the same payload: the floor to compare with.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { startServer, type RunningServer } from '../server/http-server';
import { parseConfig } from '../src/lib/server/config';
import type { User } from '../src/lib/server/repositories/users';
import type { AgendaState } from '../src/lib/protocol/events';

export interface ChildConfig {
	kind: 'palabre' | 'bare';
	clients: number;
	rounds: number;
	/** Bare server: the state Palabre sent, re-sent with the index moved (same bytes on the wire). */
	template?: AgendaState;
}

export type ChildReady = {
	type: 'ready';
	port: number;
	workshopId: string;
	facilitatorToken: string;
	tokens: string[];
};

const send = (message: unknown) => process.send?.(message);
const cpuMicros = () => {
	const usage = process.cpuUsage();
	return usage.user + usage.system;
};

async function startPalabre(config: ChildConfig) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'palabre-bench-agenda-'));
	const running: RunningServer = await startServer(
		{
			...parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }),
			migrationsDir: path.resolve('drizzle')
		},
		{ kitHandler: null }
	);
	const { app } = running;
	const facilitator = await app.accounts.signUp({
		email: `bench-${Date.now()}@example.org`,
		name: 'Animatrice',
		password: 'mot-de-passe-bench'
	});
	const workshop = await app.workshops.create(facilitator, {
		title: 'Collaborathon (banc d’essai)',
		kind: 'collaborathon'
	});
	const rounds = Array.from({ length: config.rounds }, (_, i) => ({
		title: `Manche ${i + 1} : travaux en groupes mixtes jeunes–élus`,
		kind: 'discussion',
		durationSeconds: 900,
		instructions: 'Chaque groupe choisit un défi du mur et propose des solutions pour la commune.'
	}));
	await app.agenda.replace(facilitator, workshop.id, rounds);
	const tokens: string[] = [];
	for (let i = 0; i < config.clients; i++) {
		const { user } = await app.members.join(null, { code: workshop.code, displayName: `P${i}` });
		tokens.push((await app.sessions.create((user as User).id)).token);
	}
	const ready: ChildReady = {
		type: 'ready',
		port: Number(new URL(running.url).port),
		workshopId: workshop.id,
		facilitatorToken: (await app.sessions.create(facilitator.id)).token,
		tokens
	};
	return {
		ready,
		async close() {
			await running.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** socket.io with Palabre's options and nothing else: no session, no database, no service. */
async function startBare(config: ChildConfig) {
	const server = http.createServer();
	const io = new Server(server, {
		path: '/socket.io',
		serveClient: false,
		pingInterval: 20_000,
		pingTimeout: 25_000,
		maxHttpBufferSize: 256 * 1024
	});
	const template = config.template!;
	let index = 0;
	const state = () => ({
		...template,
		current: { index, state: 'idle' as const },
		serverNow: Date.now()
	});
	io.on('connection', (socket) => {
		socket.on('workshop:enter', (_payload, ack) => {
			void socket.join('w');
			ack({ ok: true, data: null });
			socket.emit('agenda:state', state());
		});
		socket.on('agenda:command', (_payload, ack) => {
			index += 1;
			const payload = state();
			io.to('w').emit('agenda:state', payload);
			ack({ ok: true, data: payload });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const ready: ChildReady = {
		type: 'ready',
		port: (server.address() as AddressInfo).port,
		workshopId: template.workshopId,
		facilitatorToken: 'bare',
		tokens: Array.from({ length: config.clients }, (_, i) => `bare-${i}`)
	};
	return {
		ready,
		async close() {
			io.disconnectSockets(true);
			await new Promise<void>((resolve) => io.close(() => resolve()));
		}
	};
}

export async function runAgendaChild(config: ChildConfig) {
	const started = config.kind === 'palabre' ? await startPalabre(config) : await startBare(config);
	process.on('message', async (request: { type: string }) => {
		if (request.type === 'cpu') send({ type: 'cpu', micros: cpuMicros() });
		else if (request.type === 'close') {
			await started.close();
			send({ type: 'closed' });
			process.exit(0);
		}
	});
	send(started.ready);
}
