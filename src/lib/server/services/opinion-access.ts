// Who may do what on a carte des opinions, in ONE place (the coming permission table replaces the
// role checks here and nowhere else). Members of the workshop read; participants and facilitators
// take part (write statements, vote); facilitators create, moderate, promote and export.
// Observers (the projector's account) only read. A map of another workshop is a 404, never a 403.
import type { User } from '../repositories/users';
import type { OpinionMapRow, OpinionRepository } from '../repositories/opinion';
import { ServiceError, isServiceError } from './service-error';
import { isUuid, type WorkshopAccess, type WorkshopService } from './workshops';

export type OpinionNeed = 'read' | 'take_part' | 'facilitate';

export type MapAccess = WorkshopAccess & { map: OpinionMapRow; facilitator: boolean };

function check(found: WorkshopAccess, need: OpinionNeed) {
	const role = found.member.role;
	if (need === 'facilitate' && role !== 'facilitator') throw new ServiceError('forbidden');
	if (need === 'take_part' && role === 'observer') throw new ServiceError('forbidden');
}

export function createOpinionAccess(workshops: WorkshopService, repo: OpinionRepository) {
	return {
		async workshop(user: User | null, workshopId: string, need: OpinionNeed) {
			const found = await workshops.access(user, workshopId);
			check(found, need);
			return found;
		},
		async map(user: User | null, mapId: string, need: OpinionNeed): Promise<MapAccess> {
			if (!user) throw new ServiceError('unauthenticated');
			const map = isUuid(mapId) ? await repo.findMap(mapId.toLowerCase()) : null;
			if (!map) throw new ServiceError('not_found');
			let found: WorkshopAccess;
			try {
				found = await workshops.access(user, map.workshopId);
			} catch (error) {
				if (isServiceError(error) && error.code === 'workshop_not_found')
					throw new ServiceError('not_found');
				throw error;
			}
			check(found, need);
			return { ...found, map, facilitator: found.member.role === 'facilitator' };
		}
	};
}

export type OpinionAccess = ReturnType<typeof createOpinionAccess>;
