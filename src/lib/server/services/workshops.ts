// Workshops: creation with a join code, reading, listing. Every method starts with an access check.
import type { WorkshopsRepository } from '../repositories/workshops';
import type { User } from '../repositories/users';
import type { WorkshopRow } from '../db/schema';
import { createAccessService, type AccessService, type WorkshopAccess } from './access';
export { isUuid } from './access';
import { createWorkshopSchema, joiningSchema } from '../../domain/workshop-schemas';
import { joinCodeFromBytes, type MemberRole } from '../../domain/workshop';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { AuditService } from './audit';

export type { WorkshopAccess };

export interface WorkshopService {
	/** The caller's live membership (any role), or a 404 that does not reveal the workshop. */
	access(user: User | null, workshopId: string): Promise<WorkshopAccess>;
	/** Membership, then the permission table (see services/access.ts). */
	requireAccess: AccessService['requireAccess'];
	/** The table applied to a membership already loaded. */
	check: AccessService['check'];
	create(user: User | null, input: unknown): Promise<WorkshopRow>;
	get(
		user: User | null,
		workshopId: string
	): Promise<WorkshopAccess & { memberCounts: Partial<Record<MemberRole, number>> }>;
	setJoining(user: User | null, workshopId: string, input: unknown): Promise<{ joinOpen: boolean }>;
	end(user: User | null, workshopId: string): Promise<{ status: 'closed' }>;
	findByCode(code: string): Promise<WorkshopRow | null>;
	listMine(
		user: User | null
	): Promise<Awaited<ReturnType<WorkshopsRepository['listWorkshopsOfUser']>>>;
}

export function createWorkshopService(
	repo: WorkshopsRepository,
	audit: AuditService
): WorkshopService {
	const gate = createAccessService(repo);
	const { requireAccess } = gate;

	async function drawCode(): Promise<string> {
		for (;;) {
			const code = joinCodeFromBytes(crypto.getRandomValues(new Uint8Array(16)));
			if (code) return code;
		}
	}

	return {
		access: gate.membership,
		requireAccess,
		check: gate.check,
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
			const { workshop, member } = await requireAccess(user, 'workshop.read', { workshopId });
			const counts = await repo.memberCounts(workshopId);
			const memberCounts = Object.fromEntries(counts.map((c) => [c.role, c.n])) as Partial<
				Record<MemberRole, number>
			>;
			return { workshop, member, memberCounts };
		},
		/** Closing joining once the room is in makes the code useless to anyone who guesses it. */
		async setJoining(user: User | null, workshopId: string, input: unknown) {
			const { workshop } = await requireAccess(user, 'workshop.joining', { workshopId });
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
			const { workshop } = await requireAccess(user, 'workshop.end', { workshopId });
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
