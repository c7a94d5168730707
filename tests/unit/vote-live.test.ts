// The light voting page's client: a ballot keeps its id until acknowledged (re-sent after a
// reconnection, never a second ballot), stale answers and states are ignored, the countdown
// follows the server's clock. A scripted socket stands in for socket.io: acks are answered by the
// test, in the order it chooses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VoteLive } from '../../src/lib/client/vote-live.svelte';
import type { PalabreClientSocket } from '../../src/lib/client/socket';
import type { PollResults, PollView } from '../../src/lib/protocol/polls';
import { activityPath } from '../../src/lib/client/activity-path';

type Handler = (...args: unknown[]) => void;

class ScriptedSocket {
	connected = false;
	handlers = new Map<string, Handler[]>();
	sent: Array<{ event: string; payload: unknown; ack?: Handler }> = [];
	on(event: string, handler: Handler) {
		this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
		return this;
	}
	emit(event: string, payload: unknown, ack?: Handler) {
		this.sent.push({ event, payload, ack });
		return this;
	}
	disconnect() {
		this.drop();
		return this;
	}
	/** The server pushes an event to this socket. */
	receive(event: string, payload: unknown) {
		for (const handler of this.handlers.get(event) ?? []) handler(payload);
	}
	connect() {
		this.connected = true;
		this.receive('connect', undefined);
		this.answer('workshop:enter', { ok: true, data: { role: 'participant', serverNow: 0 } });
	}
	drop() {
		this.connected = false;
		this.receive('disconnect', 'transport close');
	}
	/** Answers the oldest unanswered emit of `event`. */
	answer(event: string, response: unknown) {
		const index = this.sent.findIndex((s) => s.event === event && s.ack);
		if (index === -1) throw new Error(`nothing sent as ${event}`);
		const [sent] = this.sent.splice(index, 1);
		sent.ack?.(response);
		return sent;
	}
	votes() {
		return this.sent.filter((s) => s.event === 'poll:vote');
	}
}

const WORKSHOP = '7f0c6a1e-0000-4000-8000-000000000001';
const OPTIONS = [
	{ id: 'o1', label: 'Eau' },
	{ id: 'o2', label: 'Santé' }
];

function view(patch: Partial<PollView> = {}): PollView {
	return {
		id: 'p1',
		workshopId: WORKSHOP,
		question: 'Quel thème ?',
		method: 'single',
		ballotMethod: 'single',
		options: OPTIONS,
		settings: {
			reveal: 'manual',
			secret: true,
			allowChange: true,
			maxChoices: null,
			dots: null,
			quorum: null
		} as unknown as PollView['settings'],
		status: 'open',
		revealed: false,
		openedAt: 1_000,
		closesAt: null,
		closedAt: null,
		publishedAt: null,
		participation: { voted: 0, eligible: 3 },
		serverNow: 1_000,
		voted: false,
		...patch
	};
}

function tally(pollId: string, hidden = false): PollResults {
	return {
		pollId,
		question: 'Quel thème ?',
		method: 'single',
		status: 'open',
		secret: true,
		hidden,
		eligible: 3,
		quorum: null,
		options: OPTIONS.map((o) => ({ ...o, count: 1 })),
		openedAt: 1_000,
		closedAt: null,
		publishedAt: null
	};
}

function start(poll = view()) {
	const socket = new ScriptedSocket();
	const live = new VoteLive(
		{ workshopId: WORKSHOP, poll, results: null, role: 'participant' },
		socket as unknown as PalabreClientSocket
	);
	return { socket, live };
}

describe('a ballot on the light voting page', () => {
	it('waits for the connection, then sends the ballot once and shows it recorded', () => {
		const { socket, live } = start();
		live.vote({ optionId: 'o1' });
		expect(live.sending).toBe(true);
		expect(socket.votes()).toHaveLength(0);
		socket.connect();
		expect(live.status).toBe('online');
		expect(socket.votes()).toHaveLength(1);
		const sent = socket.answer('poll:vote', { ok: true, data: { outcome: 'created' } });
		expect(sent.payload).toMatchObject({ pollId: 'p1', choice: { optionId: 'o1' } });
		expect(live.voted).toBe(true);
		expect(live.sending).toBe(false);
		live.close();
	});

	it('re-sends the same ballot id after a reconnection and ignores the late answer', () => {
		const { socket, live } = start();
		socket.connect();
		live.vote({ optionId: 'o2' });
		const first = socket.votes()[0].payload as { ballotId: string };
		socket.drop();
		expect(live.status).toBe('offline');
		expect(live.sending).toBe(true);
		socket.connect();
		const again = socket.votes().map((v) => (v.payload as { ballotId: string }).ballotId);
		expect(again).toEqual([first.ballotId, first.ballotId]);
		socket.answer('poll:vote', { ok: true, data: { outcome: 'created' } });
		expect(live.voted).toBe(true);
		// The second copy's answer (`repeat`) changes nothing.
		socket.answer('poll:vote', { ok: false, error: { code: 'internal', message: 'x' } });
		expect(live.error).toBeNull();
		live.close();
	});

	it('gives a changed choice a new ballot id and drops the answer to the replaced one', () => {
		const { socket, live } = start();
		socket.connect();
		live.vote({ optionId: 'o1' });
		live.vote({ optionId: 'o1' });
		live.vote({ optionId: 'o2' });
		const ids = socket.votes().map((v) => (v.payload as { ballotId: string }).ballotId);
		expect(ids[0]).toBe(ids[1]);
		expect(ids[2]).not.toBe(ids[0]);
		socket.answer('poll:vote', { ok: true, data: { outcome: 'created' } });
		socket.answer('poll:vote', { ok: true, data: { outcome: 'repeat' } });
		expect(live.sending).toBe(true);
		socket.answer('poll:vote', { ok: true, data: { outcome: 'replaced' } });
		expect(live.sending).toBe(false);
		expect(live.voted).toBe(true);
		live.close();
	});

	it('shows a refusal and sends nothing more', () => {
		const { socket, live } = start();
		socket.connect();
		live.vote({ optionId: 'o1' });
		const error = { code: 'ballot_invalid', message: 'Le vote est clos.' };
		socket.answer('poll:vote', { ok: false, error });
		expect(live.error).toEqual(error);
		expect(live.voted).toBe(false);
		socket.drop();
		socket.connect();
		expect(socket.votes()).toHaveLength(0);
		live.close();
	});
});

describe('what the light voting page shows', () => {
	it('keeps the newest state of its own poll and only the counts it may see', () => {
		const { socket, live } = start();
		socket.connect();
		socket.receive(
			'poll:state',
			view({ participation: { voted: 2, eligible: 3 }, serverNow: 2_000 })
		);
		socket.receive(
			'poll:state',
			view({ participation: { voted: 1, eligible: 3 }, serverNow: 1_500 })
		);
		socket.receive('poll:state', view({ id: 'p2', serverNow: 9_000, question: 'Autre' }));
		expect(live.poll.participation.voted).toBe(2);
		expect(live.poll.question).toBe('Quel thème ?');
		socket.receive('poll:tally', tally('p2'));
		expect(live.tally).toBeNull();
		socket.receive('poll:tally', tally('p1', true));
		expect(live.tally).toBeNull();
		socket.receive('poll:tally', tally('p1'));
		expect(live.tally?.options[0].count).toBe(1);
		// Reopened and hidden again: the counts go.
		socket.receive('poll:state', view({ serverNow: 3_000, revealed: false }));
		expect(live.tally).toBeNull();
		// The greeting says this member already voted (another tab, a reload).
		socket.receive('poll:state', view({ serverNow: 4_000, voted: true }));
		expect(live.voted).toBe(true);
		live.close();
	});

	it('knows where the current round points, for « revenir à l’activité en cours »', () => {
		const { socket, live } = start();
		expect(live.linked).toBeNull();
		socket.connect();
		socket.receive('agenda:state', {
			workshopId: WORKSHOP,
			items: [
				{
					id: 'r1',
					title: 'Vote',
					kind: 'vote',
					durationSeconds: 300,
					linked: { type: 'document', id: 'd1' }
				}
			],
			current: { index: 0, state: 'running' },
			serverNow: 5_000
		});
		expect(live.linked).toEqual({ type: 'document', id: 'd1' });
		expect(activityPath('MEB76A', live.linked ?? undefined)).toBe('/w/MEB76A/documents/d1');
		expect(activityPath('MEB76A', { type: 'poll', id: 'p1' })).toBe('/w/MEB76A/vote/p1');
		live.close();
	});
});

describe('moving to another poll', () => {
	it('shows the new poll with none of the previous one’s state, ballot or error', () => {
		const { socket, live } = start();
		socket.connect();
		live.vote({ optionId: 'o1' });
		socket.receive('poll:tally', tally('p1'));
		expect(live.sending).toBe(true);
		const next = view({ id: 'p2', question: 'Quel lieu ?', serverNow: 500 });
		live.show({ poll: next, results: null });
		expect(live.poll.question).toBe('Quel lieu ?');
		expect(live.tally).toBeNull();
		expect(live.sending).toBe(false);
		expect(live.voted).toBe(false);
		// The late answer to the first poll's ballot changes nothing here.
		socket.answer('poll:vote', { ok: true, data: { ballotId: 'x', repeat: false } });
		expect(live.voted).toBe(false);
		// The room's news about the new poll is taken, about the old one ignored.
		socket.receive('poll:state', view({ id: 'p1', serverNow: 9_000, status: 'closed' }));
		socket.receive(
			'poll:state',
			view({ id: 'p2', question: 'Quel lieu ?', serverNow: 600, voted: true })
		);
		expect(live.poll.status).toBe('open');
		expect(live.voted).toBe(true);
		live.close();
	});

	it('counts the participation a live tally brings', () => {
		const { socket, live } = start();
		socket.connect();
		socket.receive('poll:tally', { ...tally('p1'), totalBallots: 2 });
		expect(live.poll.participation).toEqual({ voted: 2, eligible: 3 });
		live.close();
	});

	it('knows the current round’s id, for following the room only when it changes', () => {
		const { socket, live } = start();
		socket.connect();
		expect(live.roundId).toBeNull();
		socket.receive('agenda:state', {
			workshopId: WORKSHOP,
			items: [{ id: 'r1', title: 'Vote', kind: 'vote', durationSeconds: 300 }],
			current: { index: 0, state: 'idle' },
			serverNow: 5_000
		});
		expect(live.roundId).toBe('r1');
		live.close();
	});
});

describe('the countdown', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(100_000);
	});
	afterEach(() => vi.useRealTimers());

	it('counts down from the server clock, sampled only for a poll with a countdown', () => {
		const plain = start();
		plain.socket.connect();
		expect(plain.socket.sent.filter((s) => s.event === 'time:sync')).toHaveLength(0);
		expect(plain.live.remainingMs).toBeNull();
		plain.live.close();

		// The phone's clock is 60 s behind the server's; the poll closes 90 s after server "now".
		const { socket, live } = start(view({ closesAt: 160_000 + 90_000 }));
		socket.connect();
		for (let i = 0; i < 5; i++) socket.answer('time:sync', 160_000);
		expect(live.remainingMs).toBe(90_000);
		vi.advanceTimersByTime(30_000);
		expect(live.remainingMs).toBe(60_000);
		socket.receive('poll:state', view({ closesAt: 250_000, status: 'closed', serverNow: 2_000 }));
		expect(live.remainingMs).toBeNull();
		live.close();
	});
});
