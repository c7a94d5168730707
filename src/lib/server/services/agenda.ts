// The ordre du jour and run mode of a workshop: facilitators edit the rounds and drive the clock,
// every member reads the same server-computed view. Each change is one transaction (cursor, timer
// and audit line), then an `agenda.changed` event the realtime layer broadcasts.
import { z } from 'zod';
import type { User } from '../repositories/users';
import type { AgendaQueries, AgendaRepository } from '../repositories/agenda';
import {
	INITIAL_CURSOR,
	agendaPutSchema,
	agendaView,
	cursorAfterEdit,
	next,
	previous,
	roundEndEffects,
	ROUND_MAX_SECONDS,
	type AgendaCursor,
	type AgendaItem,
	type AgendaItemInput,
	type AgendaView
} from '../../domain/agenda';
import * as timer from '../../domain/timer-state';
import { AGENDA_COMMANDS, type AgendaCommand } from '../../protocol/events';
import { isErrorCode } from '../../protocol/errors';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { AppEvents } from './app-events';
import type { WorkshopService } from './workshops';
import { createRoundClock } from './agenda-clock';

const commandSchema = z.object({ command: z.enum(AGENDA_COMMANDS) });
const extendSchema = z.object({ seconds: z.number().int().min(1).max(ROUND_MAX_SECONDS) });

type Ended = { index: number; timer: timer.TimerState } | null;
type Applied = { ok: true; cursor: AgendaCursor; ended: Ended } | { ok: false; error: string };

/** A committed change, ready to be scheduled and published. */
interface Change {
	items: AgendaItem[];
	cursor: AgendaCursor;
	ended: Ended;
	at: number;
}

/**
 * Timer and agenda refusals (already started, no next round…) are conflicts with the current
 * state. They travel as their own code once `protocol/errors.ts` knows it, as `conflict` until then.
 */
function refusal(reason: string): ServiceError {
	return new ServiceError(isErrorCode(reason) ? reason : 'conflict', { params: { reason } });
}

function fromTimer(cursor: AgendaCursor, result: timer.TimerResult): Applied {
	return result.ok
		? { ok: true, cursor: { index: cursor.index, timer: result.timer }, ended: null }
		: result;
}

/** Pure: what a run command does to the cursor, given the rounds and the time. */
function applyCommand(
	command: AgendaCommand,
	cursor: AgendaCursor,
	items: readonly AgendaItem[],
	at: number,
	seconds: number
): Applied {
	const item = items[cursor.index];
	if (!item) return { ok: false, error: 'agenda_index_out_of_range' };
	const clock = cursor.timer;
	switch (command) {
		case 'start':
			return fromTimer(cursor, timer.start(clock, item.durationSeconds * 1000, at));
		case 'pause':
			return fromTimer(cursor, timer.pause(clock, at));
		case 'resume':
			return fromTimer(cursor, timer.resume(clock, at));
		case 'extend':
			return fromTimer(cursor, timer.extend(clock, seconds * 1000, at));
		case 'finish': {
			const result = fromTimer(cursor, timer.finish(clock, at));
			// Finishing applies the round's end effects even if it never ran (see `finish`).
			return result.ok
				? { ...result, ended: { index: cursor.index, timer: result.cursor.timer } }
				: result;
		}
		case 'next':
		case 'previous': {
			const move = (command === 'next' ? next : previous)(cursor, items.length, at);
			return move.ok ? { ok: true, ...move.value } : move;
		}
	}
}

function toItem(input: AgendaItemInput, id: string): AgendaItem {
	return {
		id,
		title: input.title,
		kind: input.kind,
		durationSeconds: input.durationSeconds,
		...(input.linked ? { linked: input.linked } : {}),
		...(input.instructions ? { instructions: input.instructions } : {}),
		...(input.onEnd ? { onEnd: input.onEnd } : {})
	};
}

/** The agenda and its clock; every method asks the permission table first. */
export interface AgendaService {
	get(user: User | null, workshopId: string): Promise<AgendaView>;
	editable(user: User | null, workshopId: string): Promise<{ items: AgendaItem[] }>;
	replace(user: User | null, workshopId: string, input: unknown): Promise<AgendaView>;
	command(
		user: User | null,
		workshopId: string,
		name: unknown,
		input?: unknown
	): Promise<AgendaView>;
	/** At startup: re-arms every running clock. */
	restore(): Promise<void>;
	close(): void;
}

export function createAgendaService(deps: {
	repo: AgendaRepository;
	workshops: WorkshopService;
	events: AppEvents;
	now?: () => number;
}): AgendaService {
	const { repo, workshops, events } = deps;
	const now = deps.now ?? Date.now;
	const clock = createRoundClock({ now, onExpire: (workshopId) => expire(workshopId) });

	/**
	 * Runs `work` with the workshop's run row locked. The time is read once the lock is held, so
	 * commits are dated in the order they happen (the clock relies on it to drop stale schedules).
	 */
	function commit<T>(
		workshopId: string,
		work: (tx: AgendaQueries, cursor: AgendaCursor, at: number) => Promise<T>
	): Promise<T> {
		return repo.transaction(async (tx) => {
			const cursor = await tx.lockCursor(workshopId);
			return work(tx, cursor, now());
		});
	}

	function publish(workshopId: string, change: Change): AgendaView {
		clock.schedule(workshopId, change.cursor.timer, change.at);
		const view = agendaView(change.items, change.cursor, now());
		events.emit('agenda.changed', { workshopId, view });
		const endedItem = change.ended ? change.items[change.ended.index] : undefined;
		if (endedItem) {
			events.emit('agenda.roundEnded', {
				workshopId,
				itemId: endedItem.id,
				effects: roundEndEffects(endedItem)
			});
		}
		return view;
	}

	/** The bell: settles the round if its time is really up (the database may say otherwise). */
	async function expire(workshopId: string) {
		const outcome = await commit(workshopId, async (tx, cursor, at) => {
			const settled = timer.settle(cursor.timer, at);
			if (settled === cursor.timer) return { change: null, cursor, at };
			const items = await tx.listItems(workshopId);
			const nextCursor = { index: cursor.index, timer: settled };
			await tx.saveCursor(workshopId, nextCursor, new Date(at));
			await tx.appendAudit({
				workshopId,
				actor: null,
				action: 'agenda.round_end',
				subject: items[cursor.index]?.id,
				data: { index: cursor.index }
			});
			const change: Change = { items, cursor: nextCursor, ended: nextCursor, at };
			return { change, cursor: nextCursor, at };
		});
		if (outcome.change) publish(workshopId, outcome.change);
		// Extended elsewhere (another instance, a race with a command): wait for the new end.
		else clock.schedule(workshopId, outcome.cursor.timer, outcome.at);
	}

	return {
		/** Members (any role) read the agenda and the clock. */
		async get(user: User | null, workshopId: string): Promise<AgendaView> {
			await workshops.requireAccess(user, 'agenda.read', { workshopId });
			const [items, cursor] = await Promise.all([
				repo.listItems(workshopId),
				repo.findCursor(workshopId)
			]);
			return agendaView(items, cursor ?? INITIAL_CURSOR, now());
		},

		/** Facilitators' editor: the rounds with what the room does not see (`onEnd`), PUT-able as is. */
		async editable(user: User | null, workshopId: string): Promise<{ items: AgendaItem[] }> {
			await workshops.requireAccess(user, 'agenda.edit', { workshopId });
			return { items: await repo.listItems(workshopId) };
		},

		/** PUT: replaces the whole list; items keeping their id keep the cursor (and its clock). */
		async replace(user: User | null, workshopId: string, input: unknown): Promise<AgendaView> {
			await workshops.requireAccess(user, 'agenda.edit', { workshopId });
			const inputs = validate(agendaPutSchema, input);
			const change = await commit(workshopId, async (tx, cursor, at): Promise<Change> => {
				const before = await tx.listItems(workshopId);
				const known = new Set(before.map((i) => i.id));
				// Only ids of this agenda are kept: a client cannot pick row ids of its own.
				const items = inputs.map((i) =>
					toItem(i, i.id && known.has(i.id) ? i.id : crypto.randomUUID())
				);
				const nextCursor = cursorAfterEdit(cursor, before, items);
				await tx.replaceItems(workshopId, items);
				await tx.saveCursor(workshopId, nextCursor, new Date(at));
				await tx.appendAudit({
					workshopId,
					actor: user!.id,
					action: 'agenda.replace',
					data: { rounds: items.length }
				});
				return { items, cursor: nextCursor, ended: null, at };
			});
			return publish(workshopId, change);
		},

		/** Run mode: start, pause, resume, next, previous, finish, extend ({ seconds }). */
		async command(
			user: User | null,
			workshopId: string,
			name: unknown,
			input?: unknown
		): Promise<AgendaView> {
			await workshops.requireAccess(user, 'agenda.command', { workshopId });
			const { command } = validate(commandSchema, { command: name });
			const seconds = command === 'extend' ? validate(extendSchema, input).seconds : 0;
			const change = await commit(workshopId, async (tx, cursor, at): Promise<Change> => {
				const items = await tx.listItems(workshopId);
				const applied = applyCommand(command, cursor, items, at, seconds);
				if (!applied.ok) throw refusal(applied.error);
				await tx.saveCursor(workshopId, applied.cursor, new Date(at));
				await tx.appendAudit({
					workshopId,
					actor: user!.id,
					action: `agenda.${command}`,
					subject: items[applied.cursor.index]?.id,
					data: { index: applied.cursor.index, ...(seconds ? { seconds } : {}) }
				});
				return { items, cursor: applied.cursor, ended: applied.ended, at };
			});
			return publish(workshopId, change);
		},

		/** At startup: re-arms every running clock; those that ended while down ring at once. */
		async restore() {
			for (const { workshopId, timer: running } of await repo.listRunning()) {
				clock.schedule(workshopId, running, 0);
			}
		},

		close: () => clock.close()
	};
}
