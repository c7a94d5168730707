// Each poll this server has touched, in memory: its settings, options, state and running tally
// (IncrementalTally), loaded from the database on first use. Ballots are added as their batch
// commits, so a burst of thousands never triggers a recount. The database stays the truth for
// every decision (the ballot batch re-reads the status under lock); this is the fast read side.
import type { PollsRepository } from '../repositories/polls';
import type { PollRow, PollRoomCountRow } from '../db/schema';
import { ballotMethodOf } from '../../domain/ballot-validation';
import { IncrementalTally } from '../../domain/poll-tally-incremental';
import { choiceQuartier, quartiersOf } from '../../domain/nomination';
import type {
	BallotChannel,
	NormalizedChoice,
	PollConfig,
	PollOption,
	RoomEntry
} from '../../domain/poll-types';
import type { PollState } from '../../domain/poll-state';
import { isUuid } from './workshops';

export interface PollEntry {
	row: PollRow;
	config: PollConfig;
	options: PollOption[];
	state: PollState;
	/** null while a nomination collects proposals (no ballots yet). */
	tally: IncrementalTally | null;
	/** Nominations scoped by quartier: one running tally per quartier, over its own candidates. */
	quartierTallies: Map<string, IncrementalTally> | null;
	rooms: RoomEntry[];
	/** Ballots per channel (web, SMS, USSD), kept like the tally: loaded once, then added to. */
	channels: Record<BallotChannel, number>;
}

/** Adds one batch's ballots per channel into `into` (returned). */
export function addChannels<T extends Partial<Record<BallotChannel, number>>>(
	into: T,
	added: Partial<Record<BallotChannel, number>>
): T {
	for (const [channel, n] of Object.entries(added) as [BallotChannel, number][])
		into[channel] = ((into[channel] ?? 0) + n) as T[BallotChannel];
	return into;
}

/** A ballot's choice enters the poll's tally, and its quartier's in a scoped nomination. */
export function addToTally(entry: PollEntry, choice: NormalizedChoice) {
	entry.tally?.add(choice);
	const q = entry.quartierTallies && choiceQuartier(entry.options, choice);
	if (q) entry.quartierTallies!.get(q)?.add(choice);
}

export function replaceInTally(
	entry: PollEntry,
	before: NormalizedChoice,
	after: NormalizedChoice
) {
	entry.tally?.replace(before, after);
	if (!entry.quartierTallies) return;
	// A voter's options all lie in their quartier, so a replacement stays in the same one.
	const q = choiceQuartier(entry.options, after);
	if (q) entry.quartierTallies.get(q)?.replace(before, after);
}

function quartierTalliesOf(
	config: PollConfig,
	options: PollOption[],
	choices: NormalizedChoice[]
): Map<string, IncrementalTally> | null {
	if (config.settings.nomination?.scope !== 'quartier' || ballotMethodOf(config) === null)
		return null;
	const byQuartier = new Map<string, NormalizedChoice[]>();
	for (const choice of choices) {
		const q = choiceQuartier(options, choice);
		if (q) byQuartier.set(q, [...(byQuartier.get(q) ?? []), choice]);
	}
	return new Map(
		quartiersOf(options).map((q) => [
			q,
			new IncrementalTally(
				config,
				options.filter((o) => o.quartier === q),
				byQuartier.get(q) ?? []
			)
		])
	);
}

export function roomEntryOf(row: PollRoomCountRow): RoomEntry {
	return {
		source: 'room',
		id: row.id,
		label: row.label,
		enteredBy: row.enteredByName,
		counts: row.counts,
		...(row.voters !== null ? { voters: row.voters } : {})
	};
}

export function createPollCache(repo: PollsRepository) {
	// One promise per poll, so concurrent first uses share a single load.
	const entries = new Map<string, Promise<PollEntry | null>>();
	// The same entries once loaded: a peer's ballots apply only to a tally known to predate them.
	const loaded = new Map<string, PollEntry>();

	async function load(pollId: string): Promise<PollEntry | null> {
		const row = await repo.findPoll(pollId);
		if (!row) return null;
		const config: PollConfig = { method: row.method, settings: row.settings };
		const options = await repo.listOptions(pollId);
		const hasBallots = ballotMethodOf(config) !== null;
		const choices = hasBallots ? await repo.loadChoices(pollId, row.settings.secret) : [];
		const rooms = (await repo.listRoomCounts(pollId)).map(roomEntryOf);
		const channels = { web: 0, sms: 0, ussd: 0, table: 0 };
		if (hasBallots) addChannels(channels, await repo.channelCounts(pollId, row.settings.secret));
		return {
			row,
			config,
			options,
			state: row.state,
			tally: hasBallots ? new IncrementalTally(config, options, choices) : null,
			quartierTallies: quartierTalliesOf(config, options, choices),
			rooms,
			channels
		};
	}

	return {
		get(pollId: string): Promise<PollEntry | null> {
			if (!isUuid(pollId)) return Promise.resolve(null);
			let entry = entries.get(pollId);
			if (!entry) {
				entry = load(pollId);
				entries.set(pollId, entry);
				// Unknown ids and failed loads are not remembered: the next call asks again.
				const pending = entry;
				pending.then(
					(found) => {
						if (!found) entries.delete(pollId);
						else if (entries.get(pollId) === pending) loaded.set(pollId, found);
					},
					() => entries.delete(pollId)
				);
			}
			return entry;
		},
		/**
		 * Another instance changed this poll, or a nomination entered its vote phase: re-read
		 * what may have changed (state, settings, options, counted-in-room entries) into the same
		 * entry object, so every holder of the entry sees the new poll. The running tallies are
		 * kept (ballots arrive as deltas), unless the options changed — which happens only before
		 * any ballot (a nomination's shortlist) — when they start again from the database.
		 * Nothing to do when this instance never loaded the poll.
		 */
		async refresh(pollId: string): Promise<PollEntry | null> {
			const entry = this.loaded(pollId);
			if (!entry) return null;
			const row = await repo.findPoll(pollId);
			if (!row) {
				this.drop(pollId);
				return null;
			}
			const options = await repo.listOptions(pollId);
			const optionsChanged =
				options.length !== entry.options.length ||
				options.some((o, i) => o.id !== entry.options[i]?.id);
			if (optionsChanged) {
				const fresh = await load(pollId);
				if (fresh) Object.assign(entry, fresh);
				return entry;
			}
			entry.row = row;
			entry.config = { method: row.method, settings: row.settings };
			entry.state = row.state;
			entry.rooms = (await repo.listRoomCounts(pollId)).map(roomEntryOf);
			return entry;
		},
		/**
		 * The entry if this instance has it loaded, without loading it. A load still under way
		 * may or may not have read what a peer just committed: it is dropped (read again later).
		 */
		loaded(pollId: string): PollEntry | undefined {
			const entry = loaded.get(pollId);
			if (!entry && entries.has(pollId)) entries.delete(pollId);
			return entry;
		},
		/** Forgets a poll; the next use reads it from the database. */
		drop(pollId: string) {
			entries.delete(pollId);
			loaded.delete(pollId);
		},
		/** Every poll this instance holds (loaded or loading). */
		ids: () => [...entries.keys()],
		/** A poll just created: its entry is known without a round trip. */
		put(entry: PollEntry) {
			entries.set(entry.row.id, Promise.resolve(entry));
			loaded.set(entry.row.id, entry);
		},
		clear() {
			entries.clear();
			loaded.clear();
		}
	};
}

export type PollCache = ReturnType<typeof createPollCache>;
