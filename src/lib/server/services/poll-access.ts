// Shared steps of the poll use cases: find the poll, check the caller's membership of its
// workshop (a non-member learns nothing, not even that the poll exists), turn domain refusals
// into ServiceErrors, count who may vote.
import type { User } from '../repositories/users';
import type { PollsRepository } from '../repositories/polls';
import type { BallotErrorCode } from '../../domain/ballot-validation';
import type { PollResult, Turnout } from '../../domain/poll-types';
import { canonicalQuartier } from '../../domain/nomination';
import { openToEveryMember, type Action, type ResourceState } from '../../domain/permissions';
import type { AppEvents, PresencePort } from './app-events';
import type { MemberRow } from '../db/schema';
import type { PollCache, PollEntry } from './poll-cache';
import { ServiceError } from './service-error';
import type { WorkshopService } from './workshops';

/** Bounds how long a role change made on another instance can go unnoticed by this one. */
const MEMBER_CACHE_MS = 10_000;
const MEMBER_CACHE_MAX = 20_000;

export type QuartierTally = Record<string, { result: PollResult; eligible: number }>;

export function createPollAccess(deps: {
	repo: PollsRepository;
	cache: PollCache;
	workshops: WorkshopService;
	presence: PresencePort;
	events: AppEvents;
	now: () => number;
}): PollAccess {
	const { repo, cache, workshops, presence, events, now } = deps;

	async function entryOf(pollId: string): Promise<PollEntry> {
		const entry = await cache.get(pollId);
		if (!entry) throw new ServiceError('poll_not_found');
		return entry;
	}

	// Ballots re-check membership on every message; reading it from the database each time put
	// two queries in front of every ballot (on PGlite, behind the ballot transactions). A short
	// cache, emptied for a member whose role changes or who is removed, keeps that check cheap.
	const members = new Map<string, { member: MemberRow; at: number }>();
	const forget = ({ workshopId, userId }: { workshopId: string; userId: string }) =>
		members.delete(`${workshopId}:${userId}`);
	events.on('member.role', forget);
	events.on('member.removed', forget);

	/**
	 * The permission table for `action` on the poll: the caller's membership of its workshop, or
	 * `poll_not_found`. Actions open to every role read the short member cache; the others (a
	 * facilitator's commands) read the membership fresh, so a demotion stops them at once.
	 */
	async function member(
		user: User | null,
		entry: PollEntry,
		action: Action,
		state?: ResourceState
	): Promise<MemberRow> {
		const workshopId = entry.row.workshopId;
		const key = user ? `${workshopId}:${user.id}` : '';
		const cacheable = openToEveryMember(action);
		const cached = cacheable ? members.get(key) : undefined;
		if (cached && now() - cached.at < MEMBER_CACHE_MS) {
			workshops.check(cached.member, action, state);
			return cached.member;
		}
		const found = await workshops.requireAccess(user, action, { workshopId, state });
		if (cacheable) {
			if (members.size >= MEMBER_CACHE_MAX) members.clear();
			members.set(key, { member: found.member, at: now() });
		}
		return found.member;
	}

	/** How many current members may vote: the "50" of "37 / 50", and the registered quorum basis. */
	function eligibleCount(entry: PollEntry): Promise<number> {
		return repo.eligibleCount(entry.row.workshopId, entry.config.settings.eligibleRoles);
	}

	/** Presence is costly (it asks every instance): only for a quorum counted on those present. */
	async function turnout(entry: PollEntry, registered: number): Promise<Turnout> {
		const quorum = entry.config.settings.quorum;
		if (quorum?.kind !== 'share' || quorum.basis !== 'present') return { registered };
		const [here, eligible] = await Promise.all([
			presence.presentUserIds(entry.row.workshopId),
			repo.eligibleUserIds(entry.row.workshopId, entry.config.settings.eligibleRoles)
		]);
		return { registered, present: eligible.filter((id) => here.has(id)).length };
	}

	/** The poll's full result (to be filtered by `resultsFor` before it leaves the server). */
	async function tally(entry: PollEntry) {
		const eligible = await eligibleCount(entry);
		const result: PollResult = entry.tally
			? entry.tally.result(entry.rooms, await turnout(entry, eligible))
			: { method: 'single', totalBallots: 0, options: [], quorumMet: false, bySource: [] };
		return { result, eligible };
	}

	/**
	 * Scoped nominations: each quartier's result over its own candidates and ballots, with the
	 * number of eligible members who declared that quartier (its quorum's registered basis).
	 */
	async function quartierTally(entry: PollEntry): Promise<QuartierTally | null> {
		if (!entry.quartierTallies) return null;
		const known = [...entry.quartierTallies.keys()];
		const eligible = new Map(known.map((q) => [q, 0]));
		for (const declared of await repo.eligibleQuartiers(
			entry.row.workshopId,
			entry.config.settings.eligibleRoles
		)) {
			const q = canonicalQuartier(declared, known);
			if (q !== null && eligible.has(q)) eligible.set(q, eligible.get(q)! + 1);
		}
		const out: QuartierTally = {};
		for (const [q, t] of entry.quartierTallies) {
			const registered = eligible.get(q) ?? 0;
			out[q] = { result: t.result([], { registered }), eligible: registered };
		}
		return out;
	}

	return {
		entryOf,
		member,
		eligibleCount,
		tally,
		quartierTally,
		close() {
			events.off('member.role', forget);
			events.off('member.removed', forget);
			members.clear();
		}
	};
}

export interface PollAccess {
	/** The poll from the cache, or `poll_not_found`. */
	entryOf(pollId: string): Promise<PollEntry>;
	member(
		user: User | null,
		entry: PollEntry,
		action: Action,
		state?: ResourceState
	): Promise<MemberRow>;
	eligibleCount(entry: PollEntry): Promise<number>;
	tally(entry: PollEntry): Promise<{ result: PollResult; eligible: number }>;
	quartierTally(entry: PollEntry): Promise<QuartierTally | null>;
	close(): void;
}

/** A ballot refusal from the domain, as the wire error with its status. */
export function ballotRefusal(
	code: BallotErrorCode,
	params?: Record<string, number>
): ServiceError {
	const details = { params: { reason: code, ...params } };
	switch (code) {
		case 'poll_not_open':
		case 'nomination_proposal_phase':
			return new ServiceError('poll_closed', details);
		case 'role_not_eligible':
			return new ServiceError('not_eligible', details);
		case 'ballot_change_not_allowed':
			return new ServiceError('ballot_conflict', details);
		default:
			return new ServiceError('ballot_invalid', { field: 'choice', ...details });
	}
}
