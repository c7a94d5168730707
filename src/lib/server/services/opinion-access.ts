// Who may do what on a carte des opinions: the permission table's `opinion.*` rows
// (src/lib/domain/permissions.ts), asked first by every method of the opinion services. Members
// read; participants, reviewers and facilitators take part (write statements, vote); facilitators
// create, moderate, promote and export. Observers (the projector's account) only read. A map of
// another workshop is a 404 (the `opinion` scope's "not found"), never a 403.
import type { User } from '../repositories/users';
import type { OpinionMapRow, OpinionRepository } from '../repositories/opinion';
import { allows, type Action } from '../../domain/permissions';
import { ServiceError } from './service-error';
import { isUuid, type WorkshopAccess, type WorkshopService } from './workshops';

export type OpinionAction = Extract<Action, `opinion.${string}`>;

export type MapAccess = WorkshopAccess & {
	map: OpinionMapRow;
	/** Sees what only moderators see (pending statements, counts). */
	facilitator: boolean;
};

export function createOpinionAccess(workshops: WorkshopService, repo: OpinionRepository) {
	return {
		workshop(user: User | null, workshopId: string, action: OpinionAction) {
			return workshops.requireAccess(user, action, { workshopId });
		},
		async map(user: User | null, mapId: string, action: OpinionAction): Promise<MapAccess> {
			if (!user) throw new ServiceError('unauthenticated');
			const map = isUuid(mapId) ? await repo.findMap(mapId.toLowerCase()) : null;
			if (!map) throw new ServiceError('not_found');
			const found = await workshops.requireAccess(user, action, { workshopId: map.workshopId });
			return { ...found, map, facilitator: allows(found.member.role, 'opinion.moderate') };
		}
	};
}

export type OpinionAccess = ReturnType<typeof createOpinionAccess>;
