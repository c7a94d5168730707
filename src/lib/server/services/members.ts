// Joining by code, the member list with live presence, roles, removal and invitations.
import type { WorkshopsRepository } from '../repositories/workshops';
import type { UsersRepository, User } from '../repositories/users';
import { changeRoleSchema, createInviteSchema, joinSchema } from '../../domain/workshop-schemas';
import { generateToken, hashToken } from '../auth/session-token';
import { ServiceError } from './service-error';
import type { MemberView } from '../../protocol/api-types';
import { validate } from './validate';
import type { AuditService } from './audit';
import type { AppEvents, PresencePort } from './app-events';
import type { WorkshopService } from './workshops';
import type { Locale } from '../../domain/locales';

const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export function createMemberService(deps: {
	repo: WorkshopsRepository;
	users: UsersRepository;
	workshops: WorkshopService;
	audit: AuditService;
	events: AppEvents;
	presence: PresencePort;
	/** Tells a member who just became a reviewer what already awaits their review. */
	reviewerJoined?: (userId: string, workshopId: string) => Promise<void>;
	now?: () => number;
}) {
	const { repo, users, workshops, audit, events, presence } = deps;
	const now = deps.now ?? Date.now;

	return {
		/**
		 * A participant joins with the code. With no session a guest user is created; the caller
		 * then opens a session for it (`newUser`).
		 */
		async join(current: User | null, input: unknown) {
			const data = validate(joinSchema, input);
			const workshop = await repo.findWorkshopByCode(data.code);
			if (!workshop) throw new ServiceError('join_code_unknown', { field: 'code' });
			if (workshop.status === 'closed') throw new ServiceError('workshop_ended', { field: 'code' });
			const existing = current ? await repo.findMember(workshop.id, current.id) : null;
			if (existing?.removedAt) throw new ServiceError('forbidden');
			// Closed joining keeps out newcomers; someone already in may still change their name.
			if (!workshop.joinOpen && !existing) {
				throw new ServiceError('joining_closed', { field: 'code' });
			}
			const user = current ?? (await users.insertGuest(data.displayName));
			const member = await repo.upsertMember({
				workshopId: workshop.id,
				userId: user.id,
				displayName: data.displayName,
				role: existing?.role ?? 'participant',
				gender: data.gender ?? null,
				ageBracket: data.ageBracket ?? null,
				quartier: data.quartier ?? null,
				locale: data.locale ?? existing?.locale ?? 'fr'
			});
			if (!existing) {
				await audit.record({ workshopId: workshop.id, actor: user.id, action: 'member.join' });
			}
			events.emit('members.changed', { workshopId: workshop.id });
			return { workshop, member, user, newUser: current === null };
		},

		/**
		 * A language chosen on /langue, or asked for by a phone's help keyword, follows the person
		 * into each of their workshops.
		 */
		async setLocaleOfUser(userId: string, locale: Locale) {
			await repo.setLocaleOfUser(userId, locale);
		},

		/** The language a member reads, for replies sent outside a page (SMS); null if not a member. */
		async localeOf(userId: string, workshopId: string): Promise<Locale | null> {
			const member = await repo.findMember(workshopId, userId);
			return member && !member.removedAt ? member.locale : null;
		},

		async list(actor: User | null, workshopId: string): Promise<MemberView[]> {
			await workshops.requireAccess(actor, 'member.list', { workshopId });
			const [rows, present] = await Promise.all([
				repo.listMembers(workshopId),
				presence.presentUserIds(workshopId)
			]);
			return rows.map((m) => ({
				memberId: m.id,
				displayName: m.displayName,
				role: m.role,
				present: present.has(m.userId)
			}));
		},

		async changeRole(actor: User | null, workshopId: string, memberId: string, input: unknown) {
			await workshops.requireAccess(actor, 'member.role', { workshopId });
			const { role } = validate(changeRoleSchema, input);
			const target = await repo.findMemberById(workshopId, memberId);
			if (!target || target.removedAt) throw new ServiceError('not_found');
			if (target.role === 'facilitator' && role !== 'facilitator') {
				if ((await repo.countFacilitators(workshopId)) <= 1) {
					throw new ServiceError('last_facilitator');
				}
			}
			if (role === 'facilitator' && target.role !== 'facilitator') {
				// Guests have no password to protect a facilitator's powers; invite an account instead.
				const user = await users.findById(target.userId);
				if (user?.kind !== 'account') throw new ServiceError('forbidden', { field: 'role' });
			}
			await repo.setMemberRole(memberId, role);
			await audit.record({
				workshopId,
				actor: actor!.id,
				action: 'member.role',
				subject: memberId,
				data: { from: target.role, to: role }
			});
			events.emit('member.role', { workshopId, memberId, userId: target.userId, role });
			events.emit('members.changed', { workshopId });
			if (role === 'reviewer' && target.role !== 'reviewer')
				await deps.reviewerJoined?.(target.userId, workshopId);
			return { memberId, displayName: target.displayName, role };
		},

		async remove(actor: User | null, workshopId: string, memberId: string) {
			const { member: self } = await workshops.requireAccess(actor, 'member.remove', {
				workshopId
			});
			const target = await repo.findMemberById(workshopId, memberId);
			if (!target || target.removedAt) throw new ServiceError('not_found');
			if (target.id === self.id || target.role === 'facilitator') {
				if ((await repo.countFacilitators(workshopId)) <= 1) {
					throw new ServiceError('last_facilitator');
				}
			}
			await repo.removeMember(memberId, new Date(now()));
			await audit.record({
				workshopId,
				actor: actor!.id,
				action: 'member.remove',
				subject: memberId
			});
			events.emit('member.removed', { workshopId, memberId, userId: target.userId });
			events.emit('members.changed', { workshopId });
		},

		async createInvite(actor: User | null, workshopId: string, input: unknown) {
			await workshops.requireAccess(actor, 'member.invite', { workshopId });
			const { role } = validate(createInviteSchema, input);
			const token = generateToken();
			const expiresAt = new Date(now() + INVITE_TTL_MS);
			await repo.insertInvite({
				id: hashToken(token),
				workshopId,
				role,
				createdBy: actor!.id,
				// A mayor's office may forward the link to several councillors.
				maxUses: role === 'reviewer' ? 20 : 1,
				expiresAt
			});
			await audit.record({ workshopId, actor: actor!.id, action: 'invite.create', data: { role } });
			return { token, role, expiresAt };
		},

		async previewInvite(token: string) {
			const invite = await repo.findInvite(hashToken(token));
			if (!invite || invite.revokedAt || invite.uses >= invite.maxUses) return null;
			if (invite.expiresAt.getTime() <= now()) return null;
			const workshop = await repo.findWorkshop(invite.workshopId);
			return workshop ? { workshop, role: invite.role } : null;
		},

		/** Accepting needs an account: reviewers sign, co-facilitators run the room. */
		async acceptInvite(user: User | null, token: string) {
			if (!user) throw new ServiceError('unauthenticated');
			if (user.kind !== 'account') throw new ServiceError('forbidden');
			const invite = await repo.claimInvite(hashToken(token), new Date(now()));
			if (!invite) throw new ServiceError('invite_invalid');
			const existing = await repo.findMember(invite.workshopId, user.id);
			// An invitation never lowers a role the member already has.
			const role = existing?.role === 'facilitator' ? 'facilitator' : invite.role;
			if (existing) {
				await repo.restoreMember(existing.id, role);
			} else {
				await repo.upsertMember({
					workshopId: invite.workshopId,
					userId: user.id,
					displayName: user.name,
					role
				});
			}
			await audit.record({
				workshopId: invite.workshopId,
				actor: user.id,
				action: 'invite.accept',
				data: { role }
			});
			events.emit('members.changed', { workshopId: invite.workshopId });
			if (role === 'reviewer') await deps.reviewerJoined?.(user.id, invite.workshopId);
			return { workshopId: invite.workshopId, role };
		}
	};
}

export type MemberService = ReturnType<typeof createMemberService>;
