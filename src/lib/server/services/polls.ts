// Live votes: facilitators create polls and drive their lifecycle, members cast ballots, everyone
// reads results as the reveal policy allows. The JSON API and the socket.io handlers call these
// same functions. State changes commit with their audit line, then a `poll.changed` event.
import { z } from 'zod';
import type { User } from '../repositories/users';
import type { PollsRepository } from '../repositories/polls';
import {
	ballotBodySchema,
	inputErrorCodes,
	MAX_CLOSES_IN_SECONDS,
	pollCreateSchema,
	pollDraftFromInput
} from '../../domain/poll-schemas';
import {
	applyPollCommand,
	closeIfDue,
	closePoll,
	initialPollState,
	type PollCommand
} from '../../domain/poll-state';
import type { BallotChannel, Choice } from '../../domain/poll-types';
import {
	POLL_COMMANDS,
	type BallotReceipt,
	type PollCommandName,
	type PollView
} from '../../protocol/polls';
import type { AppEvents, BallotDelta, PresencePort } from './app-events';
import { createBallotBox } from './ballot-box';
import { createPollAccess } from './poll-access';
import {
	addChannels,
	addToTally,
	createPollCache,
	replaceInTally,
	type PollEntry
} from './poll-cache';
import { createPollResults } from './poll-results';
import { createPollCountdown } from './poll-countdown';
import { pollView, visibleToMembers } from './poll-views';
import { createNominations } from './nominations';
import { ballotMethodOf } from '../../domain/ballot-validation';
import { ServiceError } from './service-error';
import { allows } from '../../domain/permissions';
import type { WorkshopService } from './workshops';
import type { TableService } from './tables';
import { rejectControlCharacters } from './validate';
import { createLogger } from '../log';

const log = createLogger('polls');

const commandSchema = z.object({
	closesInSeconds: z.number().int().min(1).max(MAX_CLOSES_IN_SECONDS).nullable().optional()
});
function invalid(code: 'poll_invalid' | 'ballot_invalid', error: z.ZodError): ServiceError {
	const [first] = inputErrorCodes(
		error,
		code === 'poll_invalid' ? 'poll.invalid_input' : 'ballot.choice_invalid'
	);
	return new ServiceError(code, {
		field: first?.field || 'body',
		params: { reason: first?.code ?? 'poll.invalid_input' }
	});
}

/** What one instance tells the others about a poll (over the socket.io adapter, see realtime). */
export interface PeerPollMessage {
	pollId: string;
	workshopId: string;
	/** `changed`: state or settings; `ballots`: ballots (with their delta) or counted-in-room entries. */
	kind: 'changed' | 'ballots';
	delta?: BallotDelta;
}

export function createPollService(deps: {
	repo: PollsRepository;
	workshops: WorkshopService;
	events: AppEvents;
	presence: PresencePort;
	/** One phone per table: whether the caller may vote for a member of their table. */
	tables?: Pick<TableService, 'actFor' | 'recordShared'>;
	now?: () => number;
}) {
	const { repo, events } = deps;
	const now = deps.now ?? Date.now;
	const cache = createPollCache(repo);
	const access = createPollAccess({ ...deps, now, cache });
	const box = createBallotBox({ repo, events, now });
	const countdown = createPollCountdown({
		now,
		onDue: (pollId) => systemClose(pollId, 'countdown')
	});

	function changed(entry: PollEntry) {
		countdown.schedule(entry.row.id, entry.state.status === 'open' ? entry.state.closesAt : null);
		events.emit('poll.changed', { workshopId: entry.row.workshopId, pollId: entry.row.id });
	}

	async function viewOf(entry: PollEntry): Promise<PollView> {
		return pollView(entry, await access.eligibleCount(entry), now());
	}

	/**
	 * A close nobody pressed: the countdown rang (`closeIfDue`: only if the database agrees the
	 * time is up) or the agenda round linked to the poll ended. Re-read under lock, like a command.
	 */
	async function systemClose(pollId: string, by: 'countdown' | 'agenda', workshopId?: string) {
		const entry = await access.entryOf(pollId);
		const state = await repo.transaction(async (tx) => {
			const row = await tx.lockPoll(pollId);
			if (!row || (workshopId && row.workshopId !== workshopId)) return null;
			const at = now();
			const closed = closePoll(row.state, at);
			const next =
				by === 'countdown' ? closeIfDue(row.state, at) : closed.ok ? closed.state : row.state;
			if (next === row.state) return row.state;
			await tx.saveState(pollId, next, new Date(at));
			await tx.appendAudit({
				workshopId: row.workshopId,
				actor: null,
				action: `poll.${by}_close`,
				subject: pollId
			});
			return next;
		});
		if (!state) return;
		entry.state = state;
		changed(entry);
	}

	const onRoundEnded = ({
		workshopId,
		effects
	}: {
		workshopId: string;
		effects: { closePollId?: string };
	}) => {
		const pollId = effects.closePollId;
		if (!pollId) return;
		systemClose(pollId, 'agenda', workshopId).catch((error) =>
			log.error({ err: error, pollId }, 'could not close at the end of the round')
		);
	};
	events.on('agenda.roundEnded', onRoundEnded);

	return {
		...createPollResults({ repo, access, events, now }),
		...createNominations({ repo, access, cache, events, now, changed }),

		/** Facilitators. Consent polls get pour / contre / abstention; nominations start empty. */
		async create(user: User | null, workshopId: string, input: unknown) {
			await deps.workshops.requireAccess(user, 'poll.create', { workshopId });
			rejectControlCharacters(input);
			const parsed = pollCreateSchema.safeParse(input);
			if (!parsed.success) throw invalid('poll_invalid', parsed.error);
			const draft = pollDraftFromInput(parsed.data);
			// A secret ballot cannot be found again to be replaced (see docs/votes.md): it is final.
			if (draft.settings.secret) draft.settings.allowChange = false;
			// One transaction: a listing between the two inserts would cache a poll without its
			// options, and opening it would then answer `poll_no_options`.
			const { poll, options } = await repo.transaction(async (tx) => {
				const created = await tx.insertPoll(
					{
						workshopId,
						question: draft.question,
						method: draft.method,
						settings: draft.settings,
						state: initialPollState(),
						closesInSeconds: draft.closesInSeconds,
						createdBy: user!.id
					},
					draft.options
				);
				await tx.appendAudit({
					workshopId,
					actor: user!.id,
					action: 'poll.create',
					subject: created.poll.id,
					data: { method: created.poll.method, secret: draft.settings.secret }
				});
				return created;
			});
			const entry = (await cache.get(poll.id))!;
			changed(entry);
			return { id: poll.id, options: options.map(({ id, label }) => ({ id, label })) };
		},

		async list(user: User | null, workshopId: string): Promise<PollView[]> {
			const { member } = await deps.workshops.requireAccess(user, 'poll.list', { workshopId });
			const rows = await repo.listPolls(workshopId);
			// Drafts are the facilitators' preparation: members see a poll once it opens, or a
			// nomination from its proposal phase on (they propose before anyone votes).
			const entries = (await Promise.all(rows.map((r) => cache.get(r.id)))).filter(
				(e): e is PollEntry =>
					e !== null && allows(member.role, 'poll.read', { visible: visibleToMembers(e) })
			);
			const voted = await repo.votedIn(
				member.id,
				entries.map((e) => e.row.id)
			);
			return Promise.all(
				entries.map(async (e) => ({ ...(await viewOf(e)), voted: voted.has(e.row.id) }))
			);
		},

		async get(user: User | null, pollId: string): Promise<PollView> {
			const entry = await access.entryOf(pollId);
			const member = await access.member(user, entry, 'poll.read', {
				visible: visibleToMembers(entry)
			});
			const voted = await repo.votedIn(member.id, [pollId]);
			return { ...(await viewOf(entry)), voted: voted.has(pollId) };
		},

		/** Facilitators: open, close, reopen, reveal, publish; `closesInSeconds` for open/reopen. */
		async command(
			user: User | null,
			pollId: string,
			name: string,
			input: unknown = {}
		): Promise<PollView> {
			const entry = await access.entryOf(pollId);
			await access.member(user, entry, 'poll.command');
			if (!(POLL_COMMANDS as readonly string[]).includes(name)) throw new ServiceError('not_found');
			// A nomination opens its vote once the shortlist gave it options (see nominations.ts).
			if (name === 'open' && ballotMethodOf(entry.config) === null)
				throw new ServiceError('poll_state_conflict', {
					params: { reason: 'nomination_proposal_phase' }
				});
			rejectControlCharacters(input);
			const parsed = commandSchema.safeParse(input ?? {});
			if (!parsed.success)
				throw new ServiceError('poll_invalid', {
					field: 'closesInSeconds',
					params: { reason: 'poll.closes_in_invalid' }
				});
			const state = await repo.transaction(async (tx) => {
				const row = await tx.lockPoll(pollId);
				if (!row) throw new ServiceError('poll_not_found');
				const at = now();
				const closesInSeconds =
					name === 'open'
						? (parsed.data.closesInSeconds ?? row.closesInSeconds)
						: (parsed.data.closesInSeconds ?? null);
				const command = {
					type: name as PollCommandName,
					now: at,
					closesInSeconds,
					optionCount: entry.options.length
				} as PollCommand;
				const result = applyPollCommand(row.state, command);
				if (!result.ok)
					throw new ServiceError('poll_state_conflict', { params: { reason: result.code } });
				await tx.saveState(pollId, result.state, new Date(at));
				await tx.appendAudit({
					workshopId: row.workshopId,
					actor: user!.id,
					action: `poll.${name}`,
					subject: pollId,
					data: closesInSeconds && name !== 'reveal' ? { closesInSeconds } : {}
				});
				return result.state;
			});
			entry.state = state;
			changed(entry);
			return viewOf(entry);
		},

		/**
		 * 201 `created`, 200 `repeat` (same ballotId again) or `replaced`; refused with a
		 * translated error otherwise. Resolves only once the ballot's transaction committed.
		 */
		async castBallot(
			user: User | null,
			pollId: string,
			input: unknown,
			channel: BallotChannel = 'web'
		): Promise<BallotReceipt> {
			if (!user) throw new ServiceError('unauthenticated');
			const entry = await access.entryOf(pollId);
			rejectControlCharacters(input);
			const parsed = ballotBodySchema.safeParse(input);
			if (!parsed.success) throw invalid('ballot_invalid', parsed.error);
			// A table's shared phone votes for one of its members: the table decides first (its
			// relay only), then the ballot is that member's own, like any other.
			const forMember = parsed.data.forMember;
			if (forMember && !deps.tables) throw new ServiceError('forbidden');
			const acting = forMember
				? await deps.tables!.actFor(user, entry.row.workshopId, forMember)
				: null;
			// Membership, role, status and the choice itself are checked in the ballot's batch.
			const outcome = await box.submit({
				entry,
				userId: acting ? acting.member.userId : user.id,
				ballotId: parsed.data.ballotId,
				choice: parsed.data.choice as Choice,
				channel: acting ? 'table' : channel
			});
			// Which member voted through which table, and when: never what they chose.
			if (acting && outcome !== 'repeat')
				await deps.tables!.recordShared(acting, 'ballot', { pollId });
			return { pollId, ballotId: parsed.data.ballotId, outcome };
		},

		/**
		 * Another instance committed ballots (`delta`) or changed the poll (state, counted-in-room
		 * entries): bring this instance's loaded copy up to date. True when it holds the poll,
		 * i.e. when its own phones should get a fresh tally.
		 */
		/**
		 * The link to the other instances came back (Redis restarted): a peer's ballot delta sent
		 * while it was away may be lost, so every held poll is read again from the database.
		 * Returns the polls to send a fresh tally for.
		 */
		reloadAll(): string[] {
			const ids = cache.ids();
			for (const id of ids) cache.drop(id);
			return ids;
		},

		async syncFromPeer(message: PeerPollMessage): Promise<boolean> {
			const entry = cache.loaded(message.pollId);
			if (!entry) return false;
			if (!message.delta) return (await cache.refresh(message.pollId)) !== null;
			try {
				for (const choice of message.delta.added) addToTally(entry, choice);
				addChannels(entry.channels, message.delta.channels ?? { web: message.delta.added.length });
				for (const [before, after] of message.delta.replaced) replaceInTally(entry, before, after);
			} catch (error) {
				// A delta that does not fit this tally: read the poll again rather than guess.
				log.warn({ err: error, pollId: message.pollId }, 'peer ballots did not apply; reloading');
				cache.drop(message.pollId);
			}
			return true;
		},

		/**
		 * For services that act on a vote's outcome (the charter): the poll's state and full
		 * result, with no access check — never send this to a client as is.
		 */
		async outcomeOf(pollId: string) {
			const entry = await access.entryOf(pollId);
			const { result } = await access.tally(entry);
			return {
				workshopId: entry.row.workshopId,
				status: entry.state.status,
				result,
				options: entry.options
			};
		},

		/**
		 * An open nobody pressed: a charter's vote sequence opens its next poll when the previous
		 * one is decided. Re-read under lock; false when the poll is no longer a draft.
		 */
		async openBySystem(pollId: string): Promise<boolean> {
			const entry = await access.entryOf(pollId);
			const state = await repo.transaction(async (tx) => {
				const row = await tx.lockPoll(pollId);
				if (!row) return null;
				const at = now();
				const result = applyPollCommand(row.state, {
					type: 'open',
					now: at,
					closesInSeconds: row.closesInSeconds,
					optionCount: entry.options.length
				} as PollCommand);
				if (!result.ok) return null;
				await tx.saveState(pollId, result.state, new Date(at));
				await tx.appendAudit({
					workshopId: row.workshopId,
					actor: null,
					action: 'poll.sequence_open',
					subject: pollId
				});
				return result.state;
			});
			if (!state) return false;
			entry.state = state;
			changed(entry);
			return true;
		},

		/** At startup: re-arms every countdown; polls whose time passed while down close at once. */
		async restore() {
			for (const { id, state } of await repo.listCountdowns())
				countdown.schedule(id, state.closesAt);
		},

		async close() {
			events.off('agenda.roundEnded', onRoundEnded);
			await countdown.close();
			await box.close();
			access.close();
		}
	};
}

export type PollService = ReturnType<typeof createPollService>;
