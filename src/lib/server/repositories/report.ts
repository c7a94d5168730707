// Reads for the workshop report (procès-verbal) that no other repository offers: the agenda's
// audit lines (actual times), each document's newest named version and each plan's newest
// submission and the workshop's plan currency.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { auditLog, documentVersions, planSettings, planSubmissions } from '../db/schema';
import { ROUND_TIME_ACTIONS, type AgendaAuditEvent } from '../../domain/round-times';

export function createReportRepository(db: Executor) {
	return {
		/** In commit order (the id is a sequence), which is the order actualRoundTimes needs. */
		async agendaEvents(workshopId: string): Promise<AgendaAuditEvent[]> {
			const rows = await db
				.select({ action: auditLog.action, subject: auditLog.subject, at: auditLog.at })
				.from(auditLog)
				.where(
					and(
						eq(auditLog.workshopId, workshopId),
						inArray(auditLog.action, [...ROUND_TIME_ACTIONS])
					)
				)
				.orderBy(asc(auditLog.id));
			return rows.map((r) => ({ action: r.action, subject: r.subject, at: r.at.getTime() }));
		},
		async latestVersion(documentId: string) {
			const [row] = await db
				.select()
				.from(documentVersions)
				.where(eq(documentVersions.documentId, documentId))
				.orderBy(desc(documentVersions.createdAt))
				.limit(1);
			return row ?? null;
		},
		/** The newest submission (the plan's status) and the newest approved one, with their states. */
		async planSubmissions(documentId: string) {
			const rows = await db
				.select({
					status: planSubmissions.status,
					submittedAt: planSubmissions.submittedAt,
					decidedAt: planSubmissions.decidedAt,
					state: documentVersions.state
				})
				.from(planSubmissions)
				.innerJoin(documentVersions, eq(documentVersions.id, planSubmissions.versionId))
				.where(eq(planSubmissions.documentId, documentId))
				.orderBy(desc(planSubmissions.submittedAt));
			return {
				latest: rows[0] ?? null,
				approved: rows.find((r) => r.status === 'approved') ?? null
			};
		},
		async planCurrency(workshopId: string): Promise<string | null> {
			const [row] = await db
				.select({ currency: planSettings.currency })
				.from(planSettings)
				.where(eq(planSettings.workshopId, workshopId));
			return row?.currency ?? null;
		}
	};
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
