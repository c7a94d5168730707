// Composes the live-facilitation services (speaking queue, inclusion panel) over their
// repositories, so the composition root gains one line for them.
import type { Executor } from '../db/client';
import { createSpeakingQueueRepository } from '../repositories/speaking-queue';
import { createInclusionRepository } from '../repositories/inclusion';
import type { WorkshopsRepository } from '../repositories/workshops';
import type { AppEvents, PresencePort } from './app-events';
import { createSpeakingQueueService } from './speaking-queue';
import { createInclusionService } from './inclusion';
import type { WorkshopService } from './workshops';
import type { TableService } from './tables';

export function createFacilitation(deps: {
	db: Executor;
	workshops: WorkshopService;
	workshopsRepo: WorkshopsRepository;
	events: AppEvents;
	presence: PresencePort;
	/** One phone per table: a relay raises a hand for a member of their table. */
	tables?: Pick<TableService, 'actFor' | 'recordShared'>;
	now: () => number;
}) {
	const queue = createSpeakingQueueService({
		repo: createSpeakingQueueRepository(deps.db),
		members: deps.workshopsRepo,
		workshops: deps.workshops,
		events: deps.events,
		tables: deps.tables,
		now: deps.now
	});
	const inclusion = createInclusionService({
		repo: createInclusionRepository(deps.db),
		workshops: deps.workshops,
		presence: deps.presence,
		queue,
		now: deps.now
	});
	return { queue, inclusion };
}
