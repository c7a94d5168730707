// Workshops: creation with a join code, reading, listing. Every method starts with an access check.
import type { WorkshopsRepository } from '../repositories/workshops';
import type { User } from '../repositories/users';
import type { MemberRow, WorkshopRow } from '../db/schema';
import { createWorkshopSchema, joiningSchema } from '../../domain/workshop-schemas';
import { joinCodeFromBytes, type MemberRole } from '../../domain/workshop';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { AuditService } from './audit';

export interface WorkshopAccess {
	workshop: WorkshopRow;
	member: MemberRow;
}

export function createWorkshopService(repo: WorkshopsRepository, audit: AuditService) {
	async function drawCode(): Promise<string> {
		for (;;) {
			const code = joinCodeFromBytes(crypto.getRandomValues(new Uint8Array(16)));
			if (code) return code;
		}
	}

	/** The caller's live membership, or a 404/403 that does not reveal whether the workshop exists. */
	async function access(user: User | null, workshopId: string): Promise<WorkshopAccess> {
		if (!user) throw new ServiceError('unauthenticated');
		if (!isUuid(workshopId)) throw new ServiceError('workshop_not_found');
		const workshop = await repo.findWorkshop(workshopId);
		if (!workshop) throw new ServiceError('workshop_not_found');
		const member = await repo.findMember(workshopId, user.id);
		if (!member || member.removedAt) throw new ServiceError('workshop_not_found');
		return { workshop, member };
	}

	async function requireRole(user: User | null, workshopId: string, roles: MemberRole[]) {
		const found = await access(user, workshopId);
		if (!roles.includes(found.member.role)) throw new ServiceError('forbidden');
		return found;
	}

	return {
		access,
		requireRole,
		async create(user: User | null, input: unknown) {
			if (!user) throw new ServiceError('unauthenticated');
			if (user.kind !== 'account') throw new ServiceError('forbidden');
			const data = validate(createWorkshopSchema, input);
			for (let attempt = 0; attempt < 10; attempt++) {
				const workshop = await repo.insertWorkshop({
					code: await drawCode(),
					title: data.title,
					kind: data.kind,
					commune: data.commune ?? null,
					quartier: data.quartier ?? null,
					startsAt: data.startsAt ? new Date(data.startsAt) : null,
					language: data.language ?? 'fr',
					createdBy: user.id
				});
				if (!workshop) continue; // join code collision: draw again
				await repo.upsertMember({
					workshopId: workshop.id,
					userId: user.id,
					displayName: user.name,
					role: 'facilitator'
				});
				await audit.record({ workshopId: workshop.id, actor: user.id, action: 'workshop.create' });
				return workshop;
			}
			throw new ServiceError('conflict');
		},
		async get(user: User | null, workshopId: string) {
			const { workshop, member } = await access(user, workshopId);
			const counts = await repo.memberCounts(workshopId);
			const memberCounts = Object.fromEntries(counts.map((c) => [c.role, c.n])) as Partial<
				Record<MemberRole, number>
			>;
			return { workshop, member, memberCounts };
		},
		/** Closing joining once the room is in makes the code useless to anyone who guesses it. */
		async setJoining(user: User | null, workshopId: string, input: unknown) {
			const { workshop } = await requireRole(user, workshopId, ['facilitator']);
			const { open } = validate(joiningSchema, input);
			if (workshop.status === 'closed') throw new ServiceError('workshop_ended');
			if (workshop.joinOpen !== open) {
				await repo.setJoinOpen(workshopId, open);
				await audit.record({
					workshopId,
					actor: user!.id,
					action: open ? 'workshop.joining_open' : 'workshop.joining_close'
				});
			}
			return { joinOpen: open };
		},
		/** Ends the workshop (status `closed`): its code stops working for good. */
		async end(user: User | null, workshopId: string) {
			const { workshop } = await requireRole(user, workshopId, ['facilitator']);
			if (workshop.status !== 'closed') {
				await repo.endWorkshop(workshopId);
				await audit.record({ workshopId, actor: user!.id, action: 'workshop.end' });
			}
			return { status: 'closed' as const };
		},
		async findByCode(code: string) {
			return repo.findWorkshopByCode(code);
		},
		async listMine(user: User | null) {
			if (!user) throw new ServiceError('unauthenticated');
			return repo.listWorkshopsOfUser(user.id);
		}
	};
}

export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export type WorkshopService = ReturnType<typeof createWorkshopService>;
