// The inclusion panel, live: are women and under-35s speaking and voting as much as they are
// present? Only aggregates leave this service (`inclusionStats` hides groups under 5), and only
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

	return {
		async get(user: User | null, workshopId: string): Promise<InclusionView> {
			await workshops.requireRole(user, workshopId, ['facilitator']);
			const [rows, presentUsers, spoken, voters] = await Promise.all([
				repo.listProfiles(workshopId),
				presence.presentUserIds(workshopId),
				queue.spokenSeconds(workshopId),
				repo.voterIds(workshopId)
			]);
			const counted = rows.filter((r) => COUNTED.includes(r.role));
			const ids = new Set(counted.map((r) => r.memberId));
			const only = (members: Iterable<string>) => [...members].filter((id) => ids.has(id));
			const stats = inclusionStats({
				profiles: counted.map(({ memberId, gender, ageBracket }) => ({
					memberId,
					gender,
					ageBracket
				})),
				present: counted.filter((r) => presentUsers.has(r.userId)).map((r) => r.memberId),
				spoke: new Map([...spoken].filter(([id]) => ids.has(id))),
				voted: only(voters),
				// TODO(documents): who wrote in a document needs the documents service (authorship of
				// Yjs updates is not recorded yet); until then "wrote" is empty and flagged unmeasured.
				wrote: []
			});
			return { stats, unmeasured: ['wrote'], serverNow: now() };
		}
	};
}

export type InclusionService = ReturnType<typeof createInclusionService>;
