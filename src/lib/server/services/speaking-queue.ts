// Demandes de parole: participants raise and lower their hand, facilitators give the floor and end
// turns. Each change is one transaction (state, finished turn, audit line), then a `queue.changed`
// event the realtime layer broadcasts. Reactions are transient: kept in memory, never stored.
import { z } from 'zod';
import type { User } from '../repositories/users';
import type { SpeakingQueueQueries, SpeakingQueueRepository } from '../repositories/speaking-queue';
import type { WorkshopsRepository } from '../repositories/workshops';
import {
	REACTIONS,
	REACTION_WINDOW_MS,
	endTurn,
	giveFloor,
	hasSpoken,
	lower,
	orderedQueue,
	raise,
	react,
	setFirstTimersFirst,
	type FinishedTurn,
	type QueueError,
	type ReactionsState,
	type SpeakingQueueState
} from '../../domain/speaking-queue';
import type { QueueView, ReactionsState as ReactionsWire } from '../../protocol/facilitation';
import { isErrorCode } from '../../protocol/errors';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { AppEvents } from './app-events';
import type { WorkshopService } from './workshops';
import type { TableService } from './tables';

/** Observers (a projector account) only watch; everyone else in the room may ask to speak. */

const memberIdSchema = z.object({ memberId: z.uuid().optional() });
/** One phone per table: the member of the relay's table whose hand goes up. */
const raiseSchema = z.object({ forMember: z.uuid().optional() });
const prioritySchema = z.object({ on: z.boolean() });
const reactionSchema = z.object({ reaction: z.enum(REACTIONS) });

function refusal(reason: QueueError): ServiceError {
	return new ServiceError(isErrorCode(reason) ? reason : 'conflict', { params: { reason } });
}

/** The speaking queue and reactions; every method asks the permission table first. */
export interface SpeakingQueueService {
	get(user: User | null, workshopId: string): Promise<QueueView>;
	/** One's own hand, or (`forMember`) a member of the table whose relay the caller is. */
	raise(user: User | null, workshopId: string, input?: unknown): Promise<QueueView>;
	lower(user: User | null, workshopId: string, input?: unknown): Promise<QueueView>;
	giveFloor(user: User | null, workshopId: string, input?: unknown): Promise<QueueView>;
	endTurn(user: User | null, workshopId: string): Promise<QueueView>;
	setPriority(user: User | null, workshopId: string, input: unknown): Promise<QueueView>;
	react(user: User | null, workshopId: string, input: unknown): Promise<ReactionsWire>;
	reactions(user: User | null, workshopId: string): Promise<ReactionsWire>;
	/** Seconds spoken per member (inclusion panel); no caller: the panel checked access. */
	spokenSeconds(workshopId: string): Promise<Map<string, number>>;
	turns(
		user: User | null,
		workshopId: string
	): Promise<Awaited<ReturnType<SpeakingQueueRepository['listTurns']>>>;
}

export function createSpeakingQueueService(deps: {
	repo: SpeakingQueueRepository;
	members: Pick<WorkshopsRepository, 'findMemberById'>;
	workshops: WorkshopService;
	events: AppEvents;
	tables?: Pick<TableService, 'actFor' | 'recordShared'>;
	now?: () => number;
}): SpeakingQueueService {
	const { repo, members, workshops, events } = deps;
	const now = deps.now ?? Date.now;
	/** Per workshop, pruned on every reaction; lost on restart on purpose (they last 15 s). */
	const reactions = new Map<string, ReactionsState>();

	/**
	 * `asOf` orders views for clients (they keep the newest): the commit's time under the row
	 * lock, or for a read the time before reading, never the time the view happened to be built.
	 */
	async function view(
		workshopId: string,
		state: SpeakingQueueState,
		asOf: number
	): Promise<QueueView> {
		// Only the few people in the queue: a greeting must not read a 2,000-member list.
		const ids = [...state.waiting.map((e) => e.memberId)];
		if (state.current) ids.push(state.current.memberId);
		const names = await repo.names(workshopId, ids);
		// A member removed while waiting simply disappears from the room's view.
		const waiting = orderedQueue(state).flatMap((e) => {
			const displayName = names.get(e.memberId);
			return displayName === undefined
				? []
				: [{ ...e, displayName, firstTime: !hasSpoken(state, e.memberId) }];
		});
		const current = state.current
			? { ...state.current, displayName: names.get(state.current.memberId) ?? '' }
			: null;
		return { waiting, current, firstTimersFirst: state.firstTimersFirst, serverNow: asOf };
	}

	/**
	 * Applies a pure transition under the row lock, records the finished turn if any, audits and
	 * publishes. `null` from `change` means "nothing to do" (no write, no broadcast).
	 */
	async function apply(
		workshopId: string,
		actor: string,
		action: string,
		change: (
			state: SpeakingQueueState,
			at: number
		) =>
			| { ok: true; state: SpeakingQueueState; turn?: FinishedTurn | null; subject?: string }
			| { ok: false; error: QueueError }
	): Promise<QueueView> {
		const { state, at } = await repo.transaction(async (tx: SpeakingQueueQueries) => {
			const before = await tx.lock(workshopId);
			const at = now();
			const result = change(before, at);
			if (!result.ok) throw refusal(result.error);
			await tx.save(workshopId, result.state, new Date(at));
			if (result.turn) await tx.recordTurn(workshopId, result.turn);
			await tx.appendAudit({
				workshopId,
				actor,
				action: `queue.${action}`,
				subject: result.subject,
				...(result.turn ? { data: { durationMs: result.turn.durationMs } } : {})
			});
			return { state: result.state, at };
		});
		const shown = await view(workshopId, state, at);
		events.emit('queue.changed', { workshopId, view: shown });
		return shown;
	}

	async function requireMember(workshopId: string, memberId: string) {
		const target = await members.findMemberById(workshopId, memberId);
		if (!target || target.removedAt) throw new ServiceError('not_found', { field: 'memberId' });
		return target;
	}

	return {
		/** Every member reads the queue (the projector shows it). */
		async get(user: User | null, workshopId: string): Promise<QueueView> {
			await workshops.requireAccess(user, 'queue.read', { workshopId });
			const asOf = now();
			return view(workshopId, await repo.find(workshopId), asOf);
		},

		async raise(user: User | null, workshopId: string, input?: unknown): Promise<QueueView> {
			const { forMember } = validate(raiseSchema, input ?? {});
			if (forMember) {
				if (!deps.tables) throw new ServiceError('forbidden');
				// The table decides (its relay only), then the member's own right to raise a hand.
				const acting = await deps.tables.actFor(user, workshopId, forMember);
				workshops.check(acting.member, 'queue.raise');
				const shown = await apply(workshopId, user!.id, 'raise', (s, at) => ({
					...raise(s, acting.member.id, at),
					subject: acting.member.id
				}));
				await deps.tables.recordShared(acting, 'hand');
				return shown;
			}
			const { member } = await workshops.requireAccess(user, 'queue.raise', { workshopId });
			return apply(workshopId, user!.id, 'raise', (s, at) => ({
				...raise(s, member.id, at),
				subject: member.id
			}));
		},

		/** Lowers one's own hand; a facilitator may take anyone out of the queue (`memberId`). */
		async lower(user: User | null, workshopId: string, input?: unknown): Promise<QueueView> {
			let target = '';
			await workshops.requireAccess(user, 'queue.lower', {
				workshopId,
				state: ({ member }) => {
					target = validate(memberIdSchema, input ?? {}).memberId ?? member.id;
					return { own: target === member.id };
				}
			});
			return apply(workshopId, user!.id, 'lower', (s) => ({
				...lower(s, target),
				subject: target
			}));
		},

		/**
		 * Gives the floor to `memberId`, or to the head of the queue. A turn still running ends first
		 * and its time is recorded, so "au suivant" is one click.
		 */
		async giveFloor(user: User | null, workshopId: string, input?: unknown): Promise<QueueView> {
			await workshops.requireAccess(user, 'queue.moderate', { workshopId });
			const { memberId } = validate(memberIdSchema, input ?? {});
			if (memberId) await requireMember(workshopId, memberId);
			return apply(workshopId, user!.id, 'give_floor', (s, at) => {
				const result = giveFloor(s, at, memberId);
				return result.ok
					? {
							ok: true,
							state: result.state,
							turn: result.ended,
							subject: result.state.current?.memberId
						}
					: result;
			});
		},

		async endTurn(user: User | null, workshopId: string): Promise<QueueView> {
			await workshops.requireAccess(user, 'queue.moderate', { workshopId });
			return apply(workshopId, user!.id, 'end_turn', (s, at) => {
				const result = endTurn(s, at);
				return result.ok
					? { ok: true, state: result.state, turn: result.turn, subject: result.turn.memberId }
					: result;
			});
		},

		/** « Priorité aux premières prises de parole ». */
		async setPriority(user: User | null, workshopId: string, input: unknown): Promise<QueueView> {
			await workshops.requireAccess(user, 'queue.moderate', { workshopId });
			const { on } = validate(prioritySchema, input);
			return apply(workshopId, user!.id, 'priority', (s) => ({
				ok: true,
				state: setFirstTimersFirst(s, on)
			}));
		},

		/** Thumbs up, hand, question without typing. Not audited: they are feelings of the moment, not decisions. */
		async react(user: User | null, workshopId: string, input: unknown): Promise<ReactionsWire> {
			const { member } = await workshops.requireAccess(user, 'queue.react', { workshopId });
			const { reaction } = validate(reactionSchema, input);
			const at = now();
			const next = react(reactions.get(workshopId) ?? { recent: [] }, member.id, reaction, at);
			reactions.set(workshopId, next);
			const shown = reactionsView(workshopId);
			events.emit('queue.reacted', shown);
			return shown;
		},

		/** Recent reactions without who made them (any member may read them). */
		async reactions(user: User | null, workshopId: string): Promise<ReactionsWire> {
			await workshops.requireAccess(user, 'queue.read', { workshopId });
			return reactionsView(workshopId);
		},

		/** Seconds spoken per member, the turn in progress included (for the inclusion panel). */
		async spokenSeconds(workshopId: string): Promise<Map<string, number>> {
			const state = await repo.find(workshopId);
			const spoken = new Map<string, number>();
			for (const [memberId, record] of Object.entries(state.speakers)) {
				spoken.set(memberId, record.spokenMs / 1000);
			}
			if (state.current) {
				const { memberId, startedAt } = state.current;
				const running = Math.max(0, now() - startedAt) / 1000;
				spoken.set(memberId, (spoken.get(memberId) ?? 0) + running);
			}
			return spoken;
		},

		/** Every finished turn, oldest first (the workshop report reads them). */
		async turns(user: User | null, workshopId: string) {
			await workshops.requireAccess(user, 'queue.moderate', { workshopId });
			return repo.listTurns(workshopId);
		}
	};

	function reactionsView(workshopId: string): ReactionsWire {
		const at = now();
		const state = reactions.get(workshopId) ?? { recent: [] };
		const recent = state.recent.filter((e) => at - e.at < REACTION_WINDOW_MS);
		if (recent.length === 0) reactions.delete(workshopId);
		else reactions.set(workshopId, { recent });
		return {
			workshopId,
			recent: recent.map(({ reaction, at: when }) => ({ reaction, at: when })),
			windowMs: REACTION_WINDOW_MS,
			serverNow: at
		};
	}
}
