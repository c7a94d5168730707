// The ballot box: validated ballots are group-committed (one transaction per few milliseconds),
// each answered only after its transaction committed, and added to the poll's in-memory tally
// after the commit. Refusals inside the batch (poll closed meanwhile, a different second ballot)
// are decided before any write, so one refused ballot never aborts the others' transaction.
import type { CastRecord, PollsRepository } from '../repositories/polls';
import { checkCanVote, classifyResubmission, validateChoice } from '../../domain/ballot-validation';
import { optionsForMember } from '../../domain/nomination';
import type { BallotChannel, Choice, NormalizedChoice } from '../../domain/poll-types';
import type { PollState } from '../../domain/poll-state';
import type { BallotReceipt } from '../../protocol/polls';
import type { AppEvents, BallotDelta } from './app-events';
import { createGroupCommit } from './group-commit';
import { ballotRefusal } from './poll-access';
import { addChannels, addToTally, replaceInTally, type PollEntry } from './poll-cache';
import { ServiceError } from './service-error';
import { decide } from '../../domain/permissions';

/** A ballot as received: who sent it and what, checked against the poll inside the batch. */
export interface BallotItem {
	entry: PollEntry;
	userId: string;
	ballotId: string;
	choice: Choice;
	/** `web` unless the ballot came by text message or USSD menu. */
	channel?: BallotChannel;
}

type Outcome = BallotReceipt['outcome'];

/** A few ms of waiting costs little next to a commit, and lets a burst share its transactions. */
const BATCH_WINDOW_MS = 4;
const MAX_BATCH = 500;

export const pollClosedError = () =>
	new ServiceError('poll_closed', { params: { reason: 'poll_not_open' } });

/** Fisher–Yates with crypto randomness: secret ballots do not go in in the register's order. */
function shuffled<T>(items: T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * The choice against the options this member may choose from: in a nomination scoped by
 * quartier, their own quartier's candidates. A candidate of another quartier gets its own reason.
 */
function validateForMember(entry: PollEntry, quartier: string | null, choice: Choice) {
	const options = optionsForMember(entry.config, entry.options, quartier);
	const valid = validateChoice(entry.config, options, choice);
	if (valid.ok) return valid;
	if (
		valid.code === 'unknown_option' &&
		options.length !== entry.options.length &&
		validateChoice(entry.config, entry.options, choice).ok
	)
		return {
			ok: false as const,
			error: new ServiceError('ballot_invalid', {
				field: 'choice',
				params: { reason: options.length === 0 ? 'no_quartier' : 'other_quartier' }
			})
		};
	return { ok: false as const, error: ballotRefusal(valid.code, valid.params) };
}

type Tx = Parameters<Parameters<PollsRepository['transaction']>[0]>[0];

export function createBallotBox(deps: {
	repo: PollsRepository;
	events: AppEvents;
	now: () => number;
}) {
	const { repo, events, now } = deps;

	async function run(items: BallotItem[]): Promise<Array<Outcome | Error>> {
		const results: Array<Outcome | Error> = new Array(items.length);
		const memberOf: string[] = new Array(items.length);
		const choiceOf: NormalizedChoice[] = new Array(items.length);
		const afterCommit: Array<() => void> = [];
		const deltas = new Map<string, BallotDelta>();
		const deltaOf = (pollId: string) => {
			let delta = deltas.get(pollId);
			if (!delta) deltas.set(pollId, (delta = { added: [], replaced: [] }));
			return delta;
		};
		const byPoll = new Map<string, number[]>();
		items.forEach((item, i) => {
			const list = byPoll.get(item.entry.row.id) ?? [];
			list.push(i);
			byPoll.set(item.entry.row.id, list);
		});

		await repo.transaction(async (tx) => {
			// Every read of the batch leaves together: in a transaction postgres.js pipelines
			// queries sent at once (they still run in this order, the poll lock first), so the
			// batch costs one round trip for its reads instead of one per query. At 5,000 voters
			// the batches queue behind each other, and each round trip is paid by all of them.
			const polls = [...byPoll];
			const [states, reads] = await Promise.all([
				tx.sharePolls(polls.map(([pollId]) => pollId)),
				Promise.all(
					polls.map(([pollId, indexes]) => {
						const { row, config } = items[indexes[0]].entry;
						const userIds = [...new Set(indexes.map((i) => items[i].userId))];
						return Promise.all([
							tx.findMembers(row.workshopId, userIds),
							tx.findCast(pollId, config.settings.secret, row.workshopId, userIds)
						]);
					})
				)
			]);
			const at = now();
			for (const [n, [pollId, indexes]] of polls.entries()) {
				const entry = items[indexes[0]].entry;
				const state = states.get(pollId);
				if (!state) {
					for (const i of indexes) results[i] = new ServiceError('poll_not_found');
					continue;
				}
				const [members, cast] = reads[n];
				const accepted = admit(entry, state, indexes, at, members);
				if (accepted.length > 0) await castInPoll(tx, entry, accepted, new Date(at), cast);
			}
		});
		for (const apply of afterCommit) apply();
		for (const [pollId, indexes] of byPoll) {
			const { workshopId } = items[indexes[0]].entry.row;
			const delta = deltas.get(pollId);
			if (delta && (delta.added.length > 0 || delta.replaced.length > 0))
				events.emit('poll.ballots', { workshopId, pollId, delta });
		}
		return results;

		/**
		 * Membership, role, status and choice, checked in the transaction against one read for the
		 * whole batch (two queries per ballot before put the database in front of every vote).
		 */
		function admit(
			entry: PollEntry,
			state: PollState,
			indexes: number[],
			at: number,
			members: Awaited<ReturnType<Tx['findMembers']>>
		): number[] {
			const accepted: number[] = [];
			for (const i of indexes) {
				const member = members.get(items[i].userId);
				// The permission table, on the membership this batch read: a non-member learns
				// that the poll does not exist for them. Eligibility and the open state are the
				// poll's own settings, checked next by the ballot rules.
				const decision = decide(member?.role ?? 'outsider', 'poll.vote');
				if (!member || !decision.allowed) {
					results[i] = decision.allowed
						? new ServiceError('poll_not_found')
						: new ServiceError(decision.denied);
					continue;
				}
				const can = checkCanVote(entry.config, state, member.role, at);
				if (!can.ok) {
					results[i] = ballotRefusal(can.code, can.params);
					continue;
				}
				const valid = validateForMember(entry, member.quartier, items[i].choice);
				if (!valid.ok) {
					results[i] = valid.error;
					continue;
				}
				memberOf[i] = member.id;
				choiceOf[i] = valid.normalized;
				accepted.push(i);
			}
			return accepted;
		}

		async function castInPoll(
			tx: Tx,
			entry: PollEntry,
			indexes: number[],
			at: Date,
			cast: CastRecord[]
		) {
			const pollId = entry.row.id;
			const secret = entry.config.settings.secret;
			// A secret ballot cannot be found again to be replaced: it is final once cast.
			const allowChange = entry.config.settings.allowChange && !secret;
			const mine = new Map<string, CastRecord & { pending?: number }>();
			// Which member uses which ballotId, as far as this batch knows: a ballotId used
			// elsewhere is caught by the insert (written = false) or, for a replacement, below.
			const owner = new Map<string, string>();
			for (const record of cast) {
				owner.set(record.ballotId, record.memberId);
				mine.set(record.memberId, record);
			}
			const inserts: number[] = [];
			for (const i of indexes) {
				const item = { ballotId: items[i].ballotId, memberId: memberOf[i], choice: choiceOf[i] };
				const previous = mine.get(item.memberId);
				const check = classifyResubmission(allowChange, previous?.ballotId ?? null, item.ballotId);
				if (!check.ok) {
					results[i] = new ServiceError('ballot_conflict', { params: { reason: check.code } });
					continue;
				}
				if (check.kind === 'repeat') {
					results[i] = 'repeat';
					continue;
				}
				const taken = owner.get(item.ballotId);
				if (taken && taken !== item.memberId) {
					results[i] = new ServiceError('ballot_conflict');
					continue;
				}
				owner.set(item.ballotId, item.memberId);
				if (check.kind === 'first') {
					inserts.push(i);
					mine.set(item.memberId, { ...item, pollId, pending: i });
					continue;
				}
				// Replace. An earlier ballot of this same batch has not been written yet: the row to
				// insert takes the newer choice, and the tally sees only that one.
				if (previous?.pending !== undefined) {
					inserts[inserts.indexOf(previous.pending)] = i;
					results[previous.pending] = 'created';
					results[i] = 'replaced';
				} else if (await tx.ballotIdTaken(item.ballotId)) {
					results[i] = new ServiceError('ballot_conflict');
					continue;
				} else {
					await tx.replaceOpenBallot(pollId, item.memberId, item.ballotId, item.choice, at);
					const before = previous!.choice!;
					deltaOf(pollId).replaced.push([before, item.choice]);
					afterCommit.push(() => replaceInTally(entry, before, item.choice));
					results[i] = 'replaced';
				}
				mine.set(item.memberId, {
					...item,
					pollId,
					pending: previous?.pending !== undefined ? i : undefined
				});
			}

			const rows = inserts.map((i) => ({
				pollId,
				memberId: memberOf[i],
				ballotId: items[i].ballotId,
				choice: choiceOf[i],
				channel: items[i].channel ?? 'web'
			}));
			const written = secret
				? await tx.insertRegister(rows.map(({ choice: _, ...register }) => register))
				: await tx.insertOpenBallots(rows);
			const committed: NormalizedChoice[] = [];
			const channels: Partial<Record<BallotChannel, number>> = {};
			for (const i of inserts) {
				// Not written: another server wrote this member's ballot between our read and insert.
				if (!written.has(memberOf[i])) {
					results[i] = new ServiceError('ballot_conflict');
					continue;
				}
				results[i] ??= 'created';
				committed.push(choiceOf[i]);
				const channel = items[i].channel ?? 'web';
				channels[channel] = (channels[channel] ?? 0) + 1;
			}
			if (secret) await tx.insertSecretBallots(pollId, shuffled(committed));
			const delta = deltaOf(pollId);
			delta.added.push(...committed);
			if (committed.length > 0) delta.channels = addChannels(delta.channels ?? {}, channels);
			afterCommit.push(() => {
				for (const choice of committed) addToTally(entry, choice);
				addChannels(entry.channels, channels);
			});
		}
	}

	const box = createGroupCommit<BallotItem, Outcome>({
		windowMs: BATCH_WINDOW_MS,
		maxBatch: MAX_BATCH,
		run,
		closedError: pollClosedError
	});
	return box;
}

export type BallotBox = ReturnType<typeof createBallotBox>;
