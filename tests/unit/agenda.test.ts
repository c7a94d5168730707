import { describe, expect, it } from 'vitest';
import {
	INITIAL_CURSOR,
	agendaPutSchema,
	agendaView,
	cursorAfterEdit,
	duplicate,
	goTo,
	indexAfterMove,
	next,
	previous,
	reorder,
	roundEndEffects,
	type AgendaCursor,
	type AgendaItem
} from '../../src/lib/domain/agenda';

const T0 = 1_700_000_000_000;
const item = (id: string, extra: Partial<AgendaItem> = {}): AgendaItem => ({
	id,
	title: `Round ${id}`,
	kind: 'discussion',
	durationSeconds: 600,
	...extra
});
const items = ['a', 'b', 'c', 'd'].map((id) => item(id));
const running = (index: number): AgendaCursor => ({
	index,
	timer: { state: 'running', startedAt: T0, endsAt: T0 + 600_000 }
});

describe('agenda input', () => {
	it('a well-formed agenda body is accepted', () => {
		const body = [
			{ title: 'Accueil', kind: 'presentation', durationSeconds: 900 },
			{
				title: 'Rédaction',
				kind: 'drafting',
				durationSeconds: 3600,
				linked: { type: 'document', id: 'doc-1' },
				instructions: 'Chaque groupe rédige un article.',
				onEnd: { lockDocument: true }
			}
		];
		expect(agendaPutSchema.safeParse(body).success).toBe(true);
	});

	it('durations outside 1 s to 24 h, unknown kinds and long instructions are refused', () => {
		const bad = [
			{ title: 'x', kind: 'vote', durationSeconds: 0 },
			{ title: 'x', kind: 'vote', durationSeconds: 86_401 },
			{ title: 'x', kind: 'party', durationSeconds: 60 },
			{ title: 'x', kind: 'vote', durationSeconds: 60, instructions: 'a'.repeat(2001) },
			{ title: '   ', kind: 'vote', durationSeconds: 60 }
		];
		for (const round of bad) expect(agendaPutSchema.safeParse([round]).success).toBe(false);
	});

	it('an agenda of more than 100 rounds is refused', () => {
		const round = { title: 'x', kind: 'break', durationSeconds: 60 };
		expect(agendaPutSchema.safeParse(Array(100).fill(round)).success).toBe(true);
		expect(agendaPutSchema.safeParse(Array(101).fill(round)).success).toBe(false);
	});

	it('locking a document at the end needs a linked document, and ids must be unique', () => {
		const round = { title: 'x', kind: 'vote', durationSeconds: 60 };
		const lockWithPoll = {
			...round,
			linked: { type: 'poll', id: 'p' },
			onEnd: { lockDocument: true }
		};
		expect(agendaPutSchema.safeParse([lockWithPoll]).success).toBe(false);
		expect(
			agendaPutSchema.safeParse([
				{ ...round, id: 'a' },
				{ ...round, id: 'a' }
			]).success
		).toBe(false);
	});
});

describe('agenda editing', () => {
	it('reordering moves one item and shifts the others', () => {
		const moved = reorder(items, 0, 2);
		expect(moved.ok && moved.value.map((i) => i.id)).toEqual(['b', 'c', 'a', 'd']);
		const back = reorder(items, 3, 1);
		expect(back.ok && back.value.map((i) => i.id)).toEqual(['a', 'd', 'b', 'c']);
		expect(reorder(items, 0, 4)).toEqual({ ok: false, error: 'agenda_index_out_of_range' });
	});

	it('the current round index follows a reorder', () => {
		for (const [from, to] of [
			[0, 2],
			[3, 1],
			[1, 1],
			[2, 0]
		] as const) {
			const moved = reorder(items, from, to);
			if (!moved.ok) throw new Error(moved.error);
			for (let index = 0; index < items.length; index++) {
				expect(moved.value[indexAfterMove(index, from, to)]).toBe(items[index]);
			}
		}
	});

	it('duplicating inserts an independent copy right after the original', () => {
		const linked = [item('a', { linked: { type: 'poll', id: 'p' } }), item('b')];
		const result = duplicate(linked, 0, 'a2');
		if (!result.ok) throw new Error(result.error);
		expect(result.value.map((i) => i.id)).toEqual(['a', 'a2', 'b']);
		expect(result.value[1]?.linked).toEqual({ type: 'poll', id: 'p' });
		expect(result.value[1]?.linked).not.toBe(linked[0]?.linked);
		expect(duplicate(linked, 5, 'x')).toEqual({ ok: false, error: 'agenda_index_out_of_range' });
	});

	it('after the agenda is replaced the cursor stays on the same round, or resets if it is gone', () => {
		const cursor = running(1);
		const reordered = [items[1], items[0], items[2]] as AgendaItem[];
		expect(cursorAfterEdit(cursor, items, reordered)).toEqual({ ...cursor, index: 0 });
		const removed = [items[0], items[2]] as AgendaItem[];
		expect(cursorAfterEdit(cursor, items, removed)).toEqual({ index: 1, timer: { state: 'idle' } });
		expect(cursorAfterEdit(cursor, items, [])).toEqual({ index: 0, timer: { state: 'idle' } });
	});
});

describe('run cursor', () => {
	it('next moves to the following round with an idle clock and ends the running one', () => {
		const moved = next(running(0), items.length, T0 + 60_000);
		if (!moved.ok) throw new Error(moved.error);
		expect(moved.value.cursor).toEqual({ index: 1, timer: { state: 'idle' } });
		expect(moved.value.ended).toEqual({
			index: 0,
			timer: { state: 'done', finishedAt: T0 + 60_000 }
		});
	});

	it('leaving a round that never started ends nothing', () => {
		const moved = next(INITIAL_CURSOR, items.length, T0);
		expect(moved.ok && moved.value.ended).toBeNull();
	});

	it('there is no next after the last round and no previous before the first', () => {
		expect(next(running(3), items.length, T0)).toEqual({
			ok: false,
			error: 'agenda_no_next_round'
		});
		expect(previous(INITIAL_CURSOR, items.length, T0)).toEqual({
			ok: false,
			error: 'agenda_no_previous_round'
		});
		const back = previous(running(2), items.length, T0);
		expect(back.ok && back.value.cursor.index).toBe(1);
	});

	it('going to the current round again leaves its clock running', () => {
		const cursor = running(2);
		const same = goTo(cursor, 2, items.length, T0 + 1000);
		expect(same.ok && same.value).toEqual({ cursor, ended: null });
		expect(goTo(cursor, 9, items.length, T0)).toEqual({
			ok: false,
			error: 'agenda_index_out_of_range'
		});
	});

	it('a round ending locks its linked document or closes its poll only when asked', () => {
		const doc = item('d', {
			linked: { type: 'document', id: 'doc' },
			onEnd: { lockDocument: true }
		});
		const poll = item('p', { linked: { type: 'poll', id: 'poll' }, onEnd: { closePoll: true } });
		expect(roundEndEffects(doc)).toEqual({ lockDocumentId: 'doc' });
		expect(roundEndEffects(poll)).toEqual({ closePollId: 'poll' });
		expect(roundEndEffects(item('x', { linked: { type: 'document', id: 'doc' } }))).toEqual({});
	});
});

describe('agenda view', () => {
	it('a running round is sent with its end time and the time left at server now', () => {
		const view = agendaView(items, running(1), T0 + 100_000);
		expect(view.serverNow).toBe(T0 + 100_000);
		expect(view.current).toEqual({
			index: 1,
			state: 'running',
			endsAt: T0 + 600_000,
			remainingMs: 500_000
		});
		expect(view.items[0]).toEqual({
			id: 'a',
			title: 'Round a',
			kind: 'discussion',
			durationSeconds: 600
		});
	});

	it('a paused round is sent with its remaining time only; idle and done rounds with neither', () => {
		const paused = agendaView(items, { index: 0, timer: { state: 'paused', remainingMs: 42 } }, T0);
		expect(paused.current).toEqual({ index: 0, state: 'paused', remainingMs: 42 });
		expect(agendaView(items, INITIAL_CURSOR, T0).current).toEqual({ index: 0, state: 'idle' });
		const done = agendaView(items, { index: 3, timer: { state: 'done', finishedAt: T0 } }, T0);
		expect(done.current).toEqual({ index: 3, state: 'done' });
	});

	it('end-of-round options stay out of what participants receive', () => {
		const withOptions = [
			item('a', { onEnd: { closePoll: true }, linked: { type: 'poll', id: 'p' } })
		];
		const view = agendaView(withOptions, INITIAL_CURSOR, T0);
		expect(view.items[0]).not.toHaveProperty('onEnd');
		expect(view.items[0]?.linked).toEqual({ type: 'poll', id: 'p' });
	});

	it('an empty agenda has no current round', () => {
		expect(agendaView([], INITIAL_CURSOR, T0)).toEqual({ items: [], current: null, serverNow: T0 });
	});
});
