// Tables (one phone per table): the only code that reads or writes workshop_tables and
// table_members. Registering a new guest writes the user, the member, the seat and the audit line
// in one transaction.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import {
	members,
	tableMembers,
	users,
	workshopTables,
	type MemberRow,
	type WorkshopTableRow
} from '../db/schema';
import { insertAuditEntry, type AuditEntryInput } from './transactional';
import type { AgeBracket, Gender } from '../../domain/profile';

export interface SeatedMember {
	memberId: string;
	userId: string;
	displayName: string;
}

export function createTablesRepository(db: Database) {
	return {
		async insertTable(
			input: { workshopId: string; name: string; relayMemberId: string },
			audit: Omit<AuditEntryInput, 'subject'>
		): Promise<WorkshopTableRow> {
			return db.transaction(async (tx) => {
				const [row] = await tx.insert(workshopTables).values(input).returning();
				await insertAuditEntry(tx as unknown as Executor, { ...audit, subject: row.id });
				return row;
			});
		},
		/** Another member holds the table's phone from now on; audited with the previous relay. */
		async setRelay(table: WorkshopTableRow, relayMemberId: string, actor: string) {
			await db.transaction(async (tx) => {
				await tx
					.update(workshopTables)
					.set({ relayMemberId })
					.where(eq(workshopTables.id, table.id));
				await insertAuditEntry(tx as unknown as Executor, {
					workshopId: table.workshopId,
					actor,
					action: 'table.relay',
					subject: table.id,
					data: { from: table.relayMemberId, to: relayMemberId }
				});
			});
		},
		async findTable(id: string): Promise<WorkshopTableRow | null> {
			const [row] = await db.select().from(workshopTables).where(eq(workshopTables.id, id));
			return row ?? null;
		},
		/** Every table of a workshop, with its relay's name and how many sit at it. */
		async listTables(workshopId: string) {
			return db
				.select({
					id: workshopTables.id,
					name: workshopTables.name,
					relayMemberId: workshopTables.relayMemberId,
					relayName: members.displayName,
					seated: sql<number>`(select count(*)::int from ${tableMembers} where ${tableMembers.tableId} = ${workshopTables.id})`
				})
				.from(workshopTables)
				.innerJoin(members, eq(members.id, workshopTables.relayMemberId))
				.where(eq(workshopTables.workshopId, workshopId))
				.orderBy(asc(workshopTables.createdAt));
		},
		async tablesOfRelay(relayMemberId: string): Promise<WorkshopTableRow[]> {
			return db
				.select()
				.from(workshopTables)
				.where(eq(workshopTables.relayMemberId, relayMemberId))
				.orderBy(asc(workshopTables.createdAt));
		},
		/** Who sits at the table, in the order they were registered (members still in the workshop). */
		async seated(tableId: string): Promise<SeatedMember[]> {
			return db
				.select({
					memberId: members.id,
					userId: members.userId,
					displayName: members.displayName
				})
				.from(tableMembers)
				.innerJoin(members, eq(members.id, tableMembers.memberId))
				.where(and(eq(tableMembers.tableId, tableId), isNull(members.removedAt)))
				.orderBy(asc(tableMembers.addedAt), asc(members.displayName));
		},
		/** The table a member sits at, with the member (null when they sit nowhere or left). */
		async seatOf(memberId: string): Promise<{ table: WorkshopTableRow; member: MemberRow } | null> {
			const [row] = await db
				.select({ table: workshopTables, member: members })
				.from(tableMembers)
				.innerJoin(workshopTables, eq(workshopTables.id, tableMembers.tableId))
				.innerJoin(members, eq(members.id, tableMembers.memberId))
				.where(and(eq(tableMembers.memberId, memberId), isNull(members.removedAt)));
			return row ?? null;
		},
		/** A new guest (user and member) seated at the table, audited, all or nothing. */
		async registerGuest(
			table: WorkshopTableRow,
			person: { displayName: string; gender?: Gender; ageBracket?: AgeBracket },
			actor: string
		): Promise<SeatedMember> {
			return db.transaction(async (tx) => {
				const [user] = await tx
					.insert(users)
					.values({ kind: 'guest', name: person.displayName })
					.returning({ id: users.id });
				const [member] = await tx
					.insert(members)
					.values({
						workshopId: table.workshopId,
						userId: user.id,
						displayName: person.displayName,
						role: 'participant',
						gender: person.gender ?? null,
						ageBracket: person.ageBracket ?? null
					})
					.returning({ id: members.id });
				await tx.insert(tableMembers).values({ tableId: table.id, memberId: member.id });
				await insertAuditEntry(tx as unknown as Executor, {
					workshopId: table.workshopId,
					actor,
					action: 'table.register',
					subject: member.id,
					data: { tableId: table.id, guest: true }
				});
				return { memberId: member.id, userId: user.id, displayName: person.displayName };
			});
		},
		/** Seats an existing member (the relay); false when they already sit at a table. */
		async seat(table: WorkshopTableRow, memberId: string, actor: string): Promise<boolean> {
			return db.transaction(async (tx) => {
				const rows = await tx
					.insert(tableMembers)
					.values({ tableId: table.id, memberId })
					.onConflictDoNothing()
					.returning({ memberId: tableMembers.memberId });
				if (rows.length === 0) return false;
				await insertAuditEntry(tx as unknown as Executor, {
					workshopId: table.workshopId,
					actor,
					action: 'table.register',
					subject: memberId,
					data: { tableId: table.id, guest: false }
				});
				return true;
			});
		},
		/** Takes a member off the table (they stay in the workshop); false when not seated there. */
		async unseat(table: WorkshopTableRow, memberId: string, actor: string): Promise<boolean> {
			return db.transaction(async (tx) => {
				const rows = await tx
					.delete(tableMembers)
					.where(and(eq(tableMembers.tableId, table.id), eq(tableMembers.memberId, memberId)))
					.returning({ memberId: tableMembers.memberId });
				if (rows.length === 0) return false;
				await insertAuditEntry(tx as unknown as Executor, {
					workshopId: table.workshopId,
					actor,
					action: 'table.unregister',
					subject: memberId,
					data: { tableId: table.id }
				});
				return true;
			});
		}
	};
}

export type TablesRepository = ReturnType<typeof createTablesRepository>;
