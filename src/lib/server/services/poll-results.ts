// Results of live votes: what members and the public may read (through `resultsFor`, so a
// hidden count never leaves), the open-data exports once published, the realtime snapshot, and
// the counted-in-room entries of hybrid rooms.
import { z } from 'zod';
import type { User } from '../repositories/users';
import type { PollsRepository } from '../repositories/polls';
import { MAX_LABEL_LENGTH } from '../../domain/poll-schemas';
import { validateRoomCounts } from '../../domain/ballot-validation';
import type { PollResults } from '../../protocol/polls';
import type { AppEvents } from './app-events';
import { ballotRefusal, type PollAccess } from './poll-access';
import { roomEntryOf } from './poll-cache';
import { openDataCsv, openDataJson, pollView, resultsFor } from './poll-views';
import { ServiceError } from './service-error';
import { allows } from '../../domain/permissions';
import { rejectControlCharacters } from './validate';

const roomCountSchema = z.object({
	label: z.string().trim().min(1).max(MAX_LABEL_LENGTH),
	counts: z.record(z.string(), z.unknown()),
	voters: z.number().optional()
});

export function createPollResults(deps: {
	repo: PollsRepository;
	access: PollAccess;
	events: AppEvents;
	now: () => number;
}) {
	const { repo, access, events, now } = deps;

	async function publicEntry(pollId: string) {
		const entry = await access.entryOf(pollId);
		if (entry.state.status !== 'published') throw new ServiceError('poll_not_found');
		const { result, eligible } = await access.tally(entry);
		const byQuartier = await access.quartierTally(entry);
		return { entry, results: resultsFor(entry, 'public', result, eligible, byQuartier) };
	}

	return {
		/** Members get counts when the reveal policy allows; anyone gets published results. */
		async results(user: User | null, pollId: string): Promise<PollResults> {
			const entry = await access.entryOf(pollId);
			const published = entry.state.status === 'published';
			if (!user || allows('public', 'poll.results', { published })) {
				// Published results are public: no membership needed, the same for everyone.
				if (!published) throw new ServiceError('poll_not_found');
				const { result, eligible } = await access.tally(entry);
				const byQuartier = await access.quartierTally(entry);
				return resultsFor(entry, 'public', result, eligible, byQuartier);
			}
			const member = await access.member(user, entry, 'poll.results', { published });
			const { result, eligible } = await access.tally(entry);
			const byQuartier = await access.quartierTally(entry);
			return resultsFor(entry, member.role, result, eligible, byQuartier);
		},

		/** Public open data, once published; 404 before, whoever asks. */
		async openData(pollId: string) {
			const { entry, results } = await publicEntry(pollId);
			return openDataJson(entry, results);
		},
		async openDataCsv(pollId: string) {
			const { entry, results } = await publicEntry(pollId);
			return openDataCsv(entry, results);
		},

		/** Hybrid rooms: a facilitator adds a show-of-hands or paper count as a labelled source. */
		async addRoomCount(user: User | null, pollId: string, input: unknown) {
			const entry = await access.entryOf(pollId);
			const member = await access.member(user, entry, 'poll.count');
			rejectControlCharacters(input);
			const parsed = roomCountSchema.safeParse(input);
			if (!parsed.success)
				throw new ServiceError('ballot_invalid', {
					field: String(parsed.error.issues[0]?.path[0] ?? 'body'),
					params: { reason: 'room_count_invalid' }
				});
			const status = entry.state.status;
			if (status === 'draft' || status === 'published')
				throw new ServiceError('poll_state_conflict', {
					params: { reason: status === 'draft' ? 'poll_not_open' : 'poll_published_final' }
				});
			// A show of hands in the room has no quartier: it cannot enter a per-quartier contest.
			if (entry.quartierTallies) throw ballotRefusal('room_counts_not_supported');
			const { label, counts, voters } = parsed.data;
			const valid = validateRoomCounts(entry.config, entry.options, counts, voters);
			if (!valid.ok) throw ballotRefusal(valid.code, valid.params);
			const row = await repo.insertRoomCount({
				pollId,
				label,
				counts: valid.counts,
				voters: voters ?? null,
				enteredBy: member.id,
				enteredByName: member.displayName
			});
			await repo.appendAudit({
				workshopId: entry.row.workshopId,
				actor: user!.id,
				action: 'poll.room_count',
				subject: pollId,
				data: { label, voters: voters ?? null }
			});
			entry.rooms.push(roomEntryOf(row));
			events.emit('poll.ballots', { workshopId: entry.row.workshopId, pollId });
			return roomEntryOf(row);
		},

		/**
		 * For the realtime layer: the member view and the results as a participant may see them
		 * (every member role sees the same thing; see `isResultVisible`).
		 */
		async liveSnapshot(pollId: string) {
			const entry = await access.entryOf(pollId);
			const { result, eligible } = await access.tally(entry);
			const byQuartier = await access.quartierTally(entry);
			return {
				view: pollView(entry, eligible, now()),
				results: resultsFor(entry, 'participant', result, eligible, byQuartier)
			};
		}
	};
}
