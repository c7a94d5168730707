// The server side of bench/agenda.ts, in a child process so its CPU time is its own. Either the
// real Palabre server (PGlite in a temporary directory, sessions made through the services) or a
// bare socket.io server that only re-broadcasts the same payload: the floor to compare with.

import type { AgendaState } from '../src/lib/protocol/events';
import { serveParent, startBareSocketServer, startBenchPalabre } from './harness';

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

async function startPalabre(config: ChildConfig) {
	const bench = await startBenchPalabre({
		clients: config.clients,
		workshop: { title: 'Collaborathon (banc d’essai)', kind: 'collaborathon' }
	});
	const rounds = Array.from({ length: config.rounds }, (_, i) => ({
		title: `Manche ${i + 1} : travaux en groupes mixtes jeunes–élus`,
		kind: 'discussion',
		durationSeconds: 900,
		instructions: 'Chaque groupe choisit un défi du mur et propose des solutions pour la commune.'
	}));
	await bench.app.agenda.replace(bench.facilitator, bench.workshop.id, rounds);
	const ready: Omit<ChildReady, 'type'> = {
		port: bench.port,
		workshopId: bench.workshop.id,
		facilitatorToken: (await bench.app.sessions.create(bench.facilitator.id)).token,
		tokens: bench.tokens
	};
	return { ready, close: bench.close };
}

/** socket.io with Palabre's options and nothing else: no session, no database, no service. */
async function startBare(config: ChildConfig) {
	const bare = await startBareSocketServer();
	const { io } = bare;
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
	const ready: Omit<ChildReady, 'type'> = {
		port: bare.port,
		workshopId: template.workshopId,
		facilitatorToken: 'bare',
		tokens: Array.from({ length: config.clients }, (_, i) => `bare-${i}`)
	};
	return { ready, close: bare.close };
}

export async function runAgendaChild(config: ChildConfig) {
	serveParent(config.kind === 'palabre' ? await startPalabre(config) : await startBare(config));
}
