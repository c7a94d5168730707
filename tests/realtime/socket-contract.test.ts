// The socket.io contract, exhaustively: every client→server event of clientEventSchemas, sent by a
// real client to a real server with payloads its schema refuses (the wrong type, each required
// field missing, each field retyped, each string oversized), is answered with the `validation`
// WireError naming the field, and nothing changes on the server. And every handler the server
// registers is one of those events, registered through the dispatcher (no handler without a
// schema, no schema without a handler).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunningServer } from '../../server/http-server';
import { DISPATCHED } from '../../server/socket/dispatch';
import {
	clientEventSchemas,
	type ClientEventInput,
	type ClientEventName
} from '../../src/lib/protocol/client-events';
import type { HttpClient } from '../helpers/http-client';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { socketRoom, type SocketRoomIds } from './socket-room';

/** A payload each schema accepts: the template every wrong payload is made from. */
function validPayloads(ids: SocketRoomIds): { [E in ClientEventName]: ClientEventInput<E> } {
	const { workshopId } = ids;
	return {
		'workshop:enter': { workshopId },
		'time:sync': Date.now(),
		'agenda:command': { workshopId, command: 'extend', seconds: 60 },
		'queue:raise': { workshopId },
		'queue:lower': { workshopId, memberId: ids.memberId },
		'queue:give_floor': { workshopId, memberId: ids.memberId },
		'queue:end_turn': { workshopId },
		'queue:priority': { workshopId, on: true },
		'queue:react': { workshopId, reaction: 'thumbs_up' },
		'screen:watch': { workshopId },
		'poll:vote': {
			pollId: ids.pollId,
			ballotId: crypto.randomUUID(),
			choice: { optionId: ids.optionId }
		},
		'wall:dot': { documentId: ids.wallId, cardId: 'c1', delta: 1 },
		'wall:moderate': { documentId: ids.wallId, command: 'merge', cardId: 'c1', targetId: 'c2' },
		'nomination:propose': { pollId: ids.pollId, name: 'Aïssa Garba', reason: 'Présente partout' }
	};
}

interface Wrong {
	label: string;
	payload: unknown;
	/** The field the refusal must name: exactly, or (nested schemas) as a prefix. */
	field: string;
}

const HUGE = 'x'.repeat(20_000);

/** Generated from the schema: the whole payload mistyped, then each field dropped, retyped, oversized. */
function wrongPayloads(event: ClientEventName, valid: unknown): Wrong[] {
	const schema = clientEventSchemas[event] as z.ZodType;
	if (!(schema instanceof z.ZodObject)) {
		return [
			{ label: 'a string', payload: 'maintenant', field: 'payload' },
			{ label: 'null', payload: null, field: 'payload' },
			{ label: 'an object', payload: { at: 1 }, field: 'payload' }
		];
	}
	const base = valid as Record<string, unknown>;
	const wrong: Wrong[] = [
		{ label: 'a string', payload: 'bonjour', field: 'payload' },
		{ label: 'an array', payload: [base], field: 'payload' }
	];
	for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
		const value = base[key];
		if (!field.safeParse(undefined).success) {
			const { [key]: _dropped, ...rest } = base;
			wrong.push({ label: `${key} missing`, payload: rest, field: key });
		}
		// An absent optional field retyped as a number: a string there could be a valid one.
		const retyped = typeof value === 'string' || value === undefined ? 42 : 'x';
		wrong.push({ label: `${key} retyped`, payload: { ...base, [key]: retyped }, field: key });
		if (typeof value === 'string')
			wrong.push({ label: `${key} oversized`, payload: { ...base, [key]: HUGE }, field: key });
	}
	return wrong;
}

describe('every socket payload is validated by its schema', () => {
	let server: RunningServer;
	let ids: SocketRoomIds;
	let facilitator: HttpClient;
	let participant: HttpClient;
	const sockets: TestSocket[] = [];

	beforeAll(async () => {
		server = await startTestServer();
		({ facilitator, participant, ids } = await socketRoom(server));
	}, 120_000); // a fresh database and five accounts on a shared, busy machine
	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await server?.close();
	});

	async function entered(client: HttpClient) {
		const socket = connectAs(client);
		sockets.push(socket);
		await connected(socket);
		const res = await socket.emitWithAck('workshop:enter', { workshopId: ids.workshopId });
		expect(res.ok).toBe(true);
		return socket;
	}

	/** What a wrong payload could have changed, read through the API. */
	async function snapshot() {
		const base = `/api/workshops/${ids.workshopId}`;
		const [poll, queue, wall, agenda] = await Promise.all([
			facilitator.json<{ participation: { voted: number } }>(`/api/polls/${ids.pollId}`),
			facilitator.json<{ waiting: unknown[]; current: unknown; firstTimersFirst: boolean }>(
				`${base}/queue`
			),
			facilitator.json<{ you: { dotsUsed: number } }>(`/api/documents/${ids.wallId}/wall`),
			facilitator.json<{ current: unknown }>(`${base}/agenda`)
		]);
		return {
			ballots: poll.body.participation.voted,
			queue: [queue.body.waiting, queue.body.current, queue.body.firstTimersFirst],
			dots: wall.body.you.dotsUsed,
			agenda: agenda.body.current
		};
	}

	it('answers every wrong payload of every event with `validation` and its field, changing nothing', async () => {
		const before = await snapshot();
		// Both roles: a facilitator's intents reach further, a participant's must be refused alike.
		const senders = [await entered(facilitator), await entered(participant)];
		const valid = validPayloads(ids);
		const events = Object.keys(clientEventSchemas) as ClientEventName[];
		let checked = 0;
		for (const event of events) {
			const wrong = wrongPayloads(event, valid[event]);
			expect(wrong.length, event).toBeGreaterThanOrEqual(3);
			for (const [i, { label, payload, field }] of wrong.entries()) {
				const socket = senders[i % senders.length] as unknown as {
					emitWithAck(event: string, payload: unknown): Promise<unknown>;
				};
				const res = (await socket.emitWithAck(event, payload)) as {
					ok: boolean;
					error?: { code: string; field?: string; message: string };
				};
				const where = `${event}: ${label}`;
				expect(res.ok, where).toBe(false);
				expect(res.error?.code, where).toBe('validation');
				expect(res.error?.message, where).toMatch(/\S/);
				const named = res.error?.field ?? '';
				expect(named === field || named.startsWith(`${field}.`), `${where} → ${named}`).toBe(true);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(events.length * 3);
		expect(await snapshot()).toEqual(before);
	});

	it('accepts each valid example: the schemas refuse no payload the pages send', async () => {
		const socket = await entered(facilitator);
		const valid = validPayloads(ids);
		for (const event of Object.keys(clientEventSchemas) as ClientEventName[]) {
			const raw = socket as unknown as {
				emitWithAck(event: string, payload: unknown): Promise<unknown>;
			};
			const res = (await raw.emitWithAck(event, valid[event])) as
				number | { ok: boolean; error?: { code: string } };
			// Domain refusals (no card c1 on the wall, no round to extend) are fine: the payload passed.
			const code = typeof res === 'number' ? null : res.error?.code;
			expect(code, event).not.toBe('validation');
		}
	});

	it('refuses a control character in any string, as the JSON API does', async () => {
		const socket = await entered(participant);
		const res = await socket.emitWithAck('nomination:propose', {
			pollId: ids.pollId,
			name: 'Aïssa\u0000Garba'
		});
		expect(res).toMatchObject({ ok: false, error: { code: 'validation', field: 'name' } });
	});

	it('registers exactly one dispatched handler per schema, and nothing else', async () => {
		const client = await entered(participant);
		const serverSocket = await waitFor(() => server.realtime.io.sockets.sockets.get(client.id!));
		// socket.io's own events (not sent by clients) are the only other listeners allowed.
		const own = new Set(['disconnect', 'disconnecting', 'error']);
		const registered = serverSocket
			.eventNames()
			.map(String)
			.filter((name) => !own.has(name));
		expect(new Set(registered)).toEqual(new Set(Object.keys(clientEventSchemas)));
		for (const name of registered) {
			const listeners = serverSocket.listeners(
				name as keyof typeof clientEventSchemas
			) as unknown as Record<symbol, unknown>[];
			expect(listeners, name).toHaveLength(1);
			expect(listeners[0][DISPATCHED], name).toBe(name);
		}
	});

	it('ignores unknown events and drops an intent without ack, and still serves', async () => {
		const socket = await entered(participant);
		const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
		raw.emit('admin:all', { workshopId: ids.workshopId });
		raw.emit('queue:raise', { workshopId: ids.workshopId }); // no ack: not run
		// Ordered on one connection: once this answers, the intents above were handled (or not).
		const serverNow = await socket.emitWithAck('time:sync', Date.now());
		expect(typeof serverNow).toBe('number');
		expect(socket.connected).toBe(true);
		const queue = await facilitator.json<{ waiting: { memberId: string }[] }>(
			`/api/workshops/${ids.workshopId}/queue`
		);
		expect(queue.body.waiting.map((w) => w.memberId)).not.toContain(ids.memberId);
	});
});
