// A running tally the server keeps in memory per open poll, rebuilt from the stored ballots on
// start. Adding or replacing a ballot costs O(options), so a burst of 5,000 ballots never
// triggers a recount per ballot; `result()` runs on the throttled broadcast timer (≤ 5/s).
//
// Every method is incremental in its statistics: counts, dots, grade sums and grade
// distributions (majority judgment is decided by distributions alone). Instant-runoff needs whole
// ballots, so ranked polls keep the multiset of distinct rankings and replay the rounds inside
// `result()`; that is O(distinct rankings × rounds) a few times a second, not per ballot.
import type {
	NormalizedChoice,
	PollConfig,
	PollOption,
	PollResult,
	RoomEntry,
	Turnout
} from './poll-types';
import { methodOrThrow, resultFromAggregate } from './poll-tally';
import { applyBallot, emptyAggregate, type TallyAggregate } from './tally-aggregate';

export class IncrementalTally {
	readonly #poll: PollConfig;
	readonly #options: readonly PollOption[];
	readonly #agg: TallyAggregate;

	constructor(
		poll: PollConfig,
		options: readonly PollOption[],
		ballots: Iterable<NormalizedChoice> = []
	) {
		this.#poll = poll;
		this.#options = options;
		this.#agg = emptyAggregate(methodOrThrow(poll), options);
		for (const ballot of ballots) this.add(ballot);
	}

	get ballots(): number {
		return this.#agg.ballots;
	}

	/** A new ballot, already normalized by `validateChoice`. */
	add(choice: NormalizedChoice): void {
		applyBallot(this.#agg, choice, 1);
	}

	/** Takes back a ballot that was added (e.g. a member's ballot deleted by a facilitator). */
	withdraw(choice: NormalizedChoice): void {
		applyBallot(this.#agg, choice, -1);
	}

	/** A member changed their ballot (allowed only when the poll allows changes). */
	replace(previous: NormalizedChoice, next: NormalizedChoice): void {
		// Check `next` first so a bad ballot leaves the tally as it was.
		applyBallot(this.#agg, next, 1);
		try {
			applyBallot(this.#agg, previous, -1);
		} catch (error) {
			applyBallot(this.#agg, next, -1);
			throw error;
		}
	}

	/** The same PollResult `tallyPoll` gives for the same ballots, rooms and turnout. */
	result(rooms?: readonly RoomEntry[], turnout?: Turnout): PollResult {
		return resultFromAggregate(this.#poll, this.#options, this.#agg, rooms, turnout);
	}
}
