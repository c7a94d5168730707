// The one access check every service method starts with: load the caller's live membership of
// the resource's workshop, then apply the permission table (src/lib/domain/permissions.ts). The
// refusal is the table's code, as a ServiceError (a non-member gets the scope's "not found").
import type { User } from '../repositories/users';
import type { WorkshopsRepository } from '../repositories/workshops';
import type { MemberRow, WorkshopRow } from '../db/schema';
import { decide, type Action, type Decision, type ResourceState } from '../../domain/permissions';
import { isServiceError, ServiceError } from './service-error';

export interface WorkshopAccess {
	workshop: WorkshopRow;
	member: MemberRow;
}

/** The resource an action is about: its workshop, and its state where the rule reads it. */
export interface AccessResource {
	workshopId: string;
	/** The state, or a function of the caller's membership (authorship: "is it theirs?"). */
	state?: ResourceState | ((found: WorkshopAccess) => ResourceState);
}

export interface AccessService {
	/**
	 * The caller's live membership, or `unauthenticated` / `workshop_not_found` (which does not
	 * reveal whether the workshop exists). For pages that only need to know who is asking.
	 */
	membership(user: User | null, workshopId: string): Promise<WorkshopAccess>;
	/** Membership, then the table: returns the membership or throws the table's refusal. */
	requireAccess(
		user: User | null,
		action: Action,
		resource: AccessResource
	): Promise<WorkshopAccess>;
	/** The table applied to a membership already loaded (a cached one: poll ballots). */
	check(member: MemberRow, action: Action, state?: ResourceState): void;
}

/** The table's refusal as the wire error (same codes and statuses as before the table). */
export function refusalOf(decision: Decision & { allowed: false }): ServiceError {
	if (decision.denied === 'not_eligible')
		return new ServiceError('not_eligible', { params: { reason: 'role_not_eligible' } });
	return new ServiceError(decision.denied);
}

export function createAccessService(repo: WorkshopsRepository): AccessService {
	async function membership(user: User | null, workshopId: string): Promise<WorkshopAccess> {
		if (!user) throw new ServiceError('unauthenticated');
		if (!isUuid(workshopId)) throw new ServiceError('workshop_not_found');
		const workshop = await repo.findWorkshop(workshopId);
		if (!workshop) throw new ServiceError('workshop_not_found');
		const member = await repo.findMember(workshopId, user.id);
		if (!member || member.removedAt) throw new ServiceError('workshop_not_found');
		return { workshop, member };
	}

	function check(member: MemberRow, action: Action, state?: ResourceState) {
		const decision = decide(member.role, action, state);
		if (!decision.allowed) throw refusalOf(decision);
	}

	return {
		membership,
		check,
		async requireAccess(user, action, resource) {
			let found: WorkshopAccess;
			try {
				found = await membership(user, resource.workshopId);
			} catch (error) {
				// Not a member, or no such workshop: the table's answer for who is asking (the
				// scope's "not found", or `unauthenticated`), so nothing leaks about the resource.
				if (!isServiceError(error)) throw error;
				const decision = decide(user ? 'outsider' : 'public', action);
				if (decision.allowed) throw error; // public reads do not load a membership
				throw refusalOf(decision);
			}
			const { state } = resource;
			check(found.member, action, typeof state === 'function' ? state(found) : state);
			return found;
		}
	};
}

export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
