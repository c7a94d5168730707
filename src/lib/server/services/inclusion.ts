// The inclusion panel, live: are women and under-35s speaking, voting and writing as much as they
// are present? Only aggregates leave this service (`inclusionStats` hides groups under 5), and only
// facilitators may read them.
import type { User } from '../repositories/users';
import type { InclusionRepository } from '../repositories/inclusion';
import { inclusionStats } from '../../domain/inclusion-stats';
import type { MemberRole } from '../../domain/workshop';
import type { InclusionView } from '../../protocol/facilitation';
import type { PresencePort } from './app-events';
import type { SpeakingQueueService } from './speaking-queue';
import type { WorkshopService } from './workshops';

/**
 * Whose participation is measured: the room, not those who run or watch it. Facilitators would
 * inflate "spoke" with every announcement, and a projector account (observer) is not a person.
 */
const COUNTED: readonly MemberRole[] = ['participant', 'reviewer'];

export function createInclusionService(deps: {
	repo: InclusionRepository;
	workshops: WorkshopService;
	presence: PresencePort;
	queue: Pick<SpeakingQueueService, 'spokenSeconds'>;
	now?: () => number;
}) {
	const { repo, workshops, presence, queue } = deps;
	const now = deps.now ?? Date.now;

	/**
	 * `present` is who the figures compare against: those connected now (the live panel) or every
	 * member who joined (the report, written after the room has left).
	 */
	async function aggregate(workshopId: string, present: 'connected' | 'joined') {
		const [rows, presentUsers, spoken, voters, writers] = await Promise.all([
			repo.listProfiles(workshopId),
			present === 'connected' ? presence.presentUserIds(workshopId) : null,
			queue.spokenSeconds(workshopId),
			repo.voterIds(workshopId),
			repo.writerIds(workshopId)
		]);
		const counted = rows.filter((r) => COUNTED.includes(r.role));
		const ids = new Set(counted.map((r) => r.memberId));
		const only = (members: Iterable<string>) => [...members].filter((id) => ids.has(id));
		return inclusionStats({
			profiles: counted.map(({ memberId, gender, ageBracket }) => ({
				memberId,
				gender,
				ageBracket
			})),
			present: counted
				.filter((r) => presentUsers === null || presentUsers.has(r.userId))
				.map((r) => r.memberId),
			spoke: new Map([...spoken].filter(([id]) => ids.has(id))),
			voted: only(voters),
			wrote: only(writers)
		});
	}

	return {
		async get(user: User | null, workshopId: string): Promise<InclusionView> {
			await workshops.requireAccess(user, 'inclusion.read', { workshopId });
			return { stats: await aggregate(workshopId, 'connected'), unmeasured: [], serverNow: now() };
		},

		/** For the workshop report, whose caller already checked the role: attendance = joined. */
		forReport: (workshopId: string) => aggregate(workshopId, 'joined'),

		/**
		 * Called by the /collab server the first time it accepts an update from a member's
		 * connection (not on every keystroke). Idempotent: the table keeps the first time only.
		 */
		recordWriter: (documentId: string, memberId: string) =>
			repo.recordContributor(documentId, memberId)
	};
}

export type InclusionService = ReturnType<typeof createInclusionService>;
