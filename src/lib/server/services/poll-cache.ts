// Each poll this server has touched, in memory: its settings, options, state and running tally
// (IncrementalTally), loaded from the database on first use. Ballots are added as their batch
// commits, so a burst of thousands never triggers a recount. The database stays the truth for
// every decision (the ballot batch re-reads the status under lock); this is the fast read side.
import type { PollsRepository } from '../repositories/polls';
import type { PollRow, PollRoomCountRow } from '../db/schema';
import { ballotMethodOf } from '../../domain/ballot-validation';
import { IncrementalTally } from '../../domain/poll-tally-incremental';
import type { PollConfig, PollOption, RoomEntry } from '../../domain/poll-types';
import type { PollState } from '../../domain/poll-state';
import { isUuid } from './workshops';

export interface PollEntry {
	row: PollRow;
	config: PollConfig;
	options: PollOption[];
	state: PollState;
	/** null while a nomination collects proposals (no ballots yet). */
	tally: IncrementalTally | null;
	rooms: RoomEntry[];
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

	async function load(pollId: string): Promise<PollEntry | null> {
		const row = await repo.findPoll(pollId);
		if (!row) return null;
		const config: PollConfig = { method: row.method, settings: row.settings };
		const options = await repo.listOptions(pollId);
		const hasBallots = ballotMethodOf(config) !== null;
		const choices = hasBallots ? await repo.loadChoices(pollId, row.settings.secret) : [];
		const rooms = (await repo.listRoomCounts(pollId)).map(roomEntryOf);
		return {
			row,
			config,
			options,
			state: row.state,
			tally: hasBallots ? new IncrementalTally(config, options, choices) : null,
			rooms
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
				entry.then(
					(found) => {
						if (!found) entries.delete(pollId);
					},
					() => entries.delete(pollId)
				);
			}
			return entry;
		},
		/** A poll just created: its entry is known without a round trip. */
		put(entry: PollEntry) {
			entries.set(entry.row.id, Promise.resolve(entry));
		},
		clear() {
			entries.clear();
		}
	};
}

export type PollCache = ReturnType<typeof createPollCache>;
