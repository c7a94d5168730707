// Workshops, memberships, invites and the audit log.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { auditLog, invites, members, workshops, type MemberRow } from '../db/schema';
import type { MemberRole } from '../../domain/workshop';
import type { Locale } from '../../domain/locales';

type NewWorkshop = typeof workshops.$inferInsert;
type NewMember = typeof members.$inferInsert;

export function createWorkshopsRepository(db: Database) {
	return {
		/** Returns null when the join code is taken (unique index), so the caller draws again. */
		async insertWorkshop(input: NewWorkshop) {
			const rows = await db.insert(workshops).values(input).onConflictDoNothing().returning();
			return rows[0] ?? null;
		},
		async findWorkshop(id: string) {
			const [row] = await db.select().from(workshops).where(eq(workshops.id, id));
			return row ?? null;
		},
		async findWorkshopByCode(code: string) {
			const [row] = await db.select().from(workshops).where(eq(workshops.code, code));
			return row ?? null;
		},
		async setJoinOpen(id: string, open: boolean) {
			await db.update(workshops).set({ joinOpen: open }).where(eq(workshops.id, id));
		},
		/** The end of a workshop: its code lets no one in any more. */
		async endWorkshop(id: string) {
			await db.update(workshops).set({ status: 'closed' }).where(eq(workshops.id, id));
		},
		async listWorkshopsOfUser(userId: string) {
			return db
				.select({ workshop: workshops, role: members.role })
				.from(members)
				.innerJoin(workshops, eq(workshops.id, members.workshopId))
				.where(and(eq(members.userId, userId), isNull(members.removedAt)))
				.orderBy(sql`${workshops.createdAt} desc`);
		},
		async memberCounts(workshopId: string) {
			return db
				.select({ role: members.role, n: sql<number>`count(*)::int` })
				.from(members)
				.where(and(eq(members.workshopId, workshopId), isNull(members.removedAt)))
				.groupBy(members.role);
		},
		/** Joins, or rejoins after removal is refused by the caller; on conflict returns the row. */
		async upsertMember(input: NewMember): Promise<MemberRow> {
			const [row] = await db
				.insert(members)
				.values(input)
				.onConflictDoUpdate({
					target: [members.workshopId, members.userId],
					set: { displayName: sql`excluded.display_name`, locale: sql`excluded.locale` }
				})
				.returning();
			return row;
		},
		/** A person's language is theirs in every workshop they are in. */
		async setLocaleOfUser(userId: string, locale: Locale) {
			await db.update(members).set({ locale }).where(eq(members.userId, userId));
		},
		async findMember(workshopId: string, userId: string) {
			const [row] = await db
				.select()
				.from(members)
				.where(and(eq(members.workshopId, workshopId), eq(members.userId, userId)));
			return row ?? null;
		},
		async findMemberById(workshopId: string, memberId: string) {
			const [row] = await db
				.select()
				.from(members)
				.where(and(eq(members.workshopId, workshopId), eq(members.id, memberId)));
			return row ?? null;
		},
		async listMembers(workshopId: string) {
			return db
				.select()
				.from(members)
				.where(and(eq(members.workshopId, workshopId), isNull(members.removedAt)))
				.orderBy(asc(members.joinedAt));
		},
		async setMemberRole(memberId: string, role: MemberRole) {
			await db.update(members).set({ role }).where(eq(members.id, memberId));
		},
		async removeMember(memberId: string, at: Date) {
			await db.update(members).set({ removedAt: at }).where(eq(members.id, memberId));
		},
		async restoreMember(memberId: string, role: MemberRole) {
			await db.update(members).set({ removedAt: null, role }).where(eq(members.id, memberId));
		},
		async countFacilitators(workshopId: string): Promise<number> {
			const [row] = await db
				.select({ n: sql<number>`count(*)::int` })
				.from(members)
				.where(
					and(
						eq(members.workshopId, workshopId),
						eq(members.role, 'facilitator'),
						isNull(members.removedAt)
					)
				);
			return row.n;
		},
		async insertInvite(input: typeof invites.$inferInsert) {
			await db.insert(invites).values(input);
		},
		/** Takes one use of a live invite atomically; null if expired, revoked or used up. */
		async claimInvite(id: string, now: Date) {
			const rows = await db
				.update(invites)
				.set({ uses: sql`${invites.uses} + 1` })
				.where(
					and(
						eq(invites.id, id),
						isNull(invites.revokedAt),
						sql`${invites.uses} < ${invites.maxUses}`,
						sql`${invites.expiresAt} > ${now.toISOString()}`
					)
				)
				.returning();
			return rows[0] ?? null;
		},
		async findInvite(id: string) {
			const [row] = await db.select().from(invites).where(eq(invites.id, id));
			return row ?? null;
		},
		async appendAudit(entry: typeof auditLog.$inferInsert) {
			await db.insert(auditLog).values(entry);
		},
		async listAudit(workshopId: string, limit = 200) {
			return db
				.select()
				.from(auditLog)
				.where(eq(auditLog.workshopId, workshopId))
				.orderBy(sql`${auditLog.id} desc`)
				.limit(limit);
		}
	};
}

export type WorkshopsRepository = ReturnType<typeof createWorkshopsRepository>;
