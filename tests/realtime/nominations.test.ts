import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { NominationBoard } from '../../src/lib/protocol/nominations';
import type { PollView } from '../../src/lib/protocol/polls';
import type { HttpClient } from '../helpers/http-client';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { createNomination, memberOf, propose, shortlist } from '../integration/nominations-helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

const sockets: TestSocket[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.disconnect();
});

async function watcher(client: HttpClient, workshopId: string) {
	const socket = connectAs(client);
	sockets.push(socket);
	const received: { event: string; payload: unknown }[] = [];
	socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
	await connected(socket);
	const entered = await socket.emitWithAck('workshop:enter', { workshopId });
	expect(entered.ok).toBe(true);
	const of = <T>(event: string) =>
		received.filter((r) => r.event === event).map((r) => r.payload as T);
	return { socket, received, of };
}

describe('nominations over socket.io', () => {
	it('the facilitator sees a proposal arrive live; the room sees only the count', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const awa = await memberOf(server, workshop.code, 'Awa');
		const bello = await memberOf(server, workshop.code, 'Bello');
		const poll = await createNomination(facilitator.client, workshop.id);
		const fac = await watcher(facilitator.client, workshop.id);
		const phone = await watcher(awa.client, workshop.id);
		const other = await watcher(bello.client, workshop.id);

		// The participant's phone learns of the nomination although its vote is not open.
		await waitFor(() => phone.of<PollView>('poll:state').some((v) => v.id === poll.id));

		const ack = await phone.socket.emitWithAck('nomination:propose', {
			pollId: poll.id,
			name: 'Aïssa Moussa',
			reason: 'Elle anime le comité d’eau.'
		});
		expect(ack).toMatchObject({ ok: true, data: { name: 'Aïssa Moussa' } });

		const board = await waitFor(
			() => fac.of<NominationBoard>('nomination:board').find((b) => b.count === 1),
			5000,
			{ description: 'the facilitator receives the proposal' }
		);
		expect(board.proposals).toMatchObject([
			{ name: 'Aïssa Moussa', reason: 'Elle anime le comité d’eau.', proposerName: 'Awa' }
		]);
		await waitFor(() =>
			other.of<{ pollId: string; count: number }>('nomination:count').some((c) => c.count === 1)
		);
		// Names stay with the facilitators until the shortlist.
		expect(other.of('nomination:board')).toEqual([]);
		expect(JSON.stringify(other.received)).not.toContain('Aïssa');

		const refused = await other.socket.emitWithAck('nomination:propose', {
			pollId: poll.id,
			name: ' '
		});
		// Refused by the event's schema before the service (server/socket/dispatch.ts): the socket's
		// `validation` keeps the domain's reason and its message.
		expect(refused).toMatchObject({
			ok: false,
			error: {
				code: 'validation',
				field: 'name',
				reason: 'proposal_name_required',
				message: 'Écrivez un nom.'
			}
		});

		// The shortlist makes the names public as the options of the vote phase.
		const second = await propose(bello.client, poll.id, { name: 'Ibrahim Sani' });
		const done = await shortlist(facilitator.client, poll.id, [
			ack.ok ? ack.data.id : '',
			second.body.id
		]);
		expect(done.status).toBe(200);
		const view = await waitFor(() =>
			other
				.of<PollView>('poll:state')
				.find((v) => v.id === poll.id && v.settings.nomination?.phase === 'vote')
		);
		expect(view.options.map((o) => o.label)).toEqual(['Aïssa Moussa', 'Ibrahim Sani']);
		expect(view.ballotMethod).toBe('single');
	});
});
