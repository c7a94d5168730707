// The append-only record of who did what (opened a vote, locked a text, approved a plan).
import type { WorkshopsRepository } from '../repositories/workshops';

export interface AuditEntry {
	workshopId: string | null;
	actor: string | null;
	action: string;
	subject?: string;
	data?: Record<string, unknown>;
}

export function createAuditService(repo: WorkshopsRepository) {
	return {
		record(entry: AuditEntry) {
			return repo.appendAudit({
				workshopId: entry.workshopId,
				actorUserId: entry.actor,
				action: entry.action,
				subject: entry.subject ?? null,
				data: entry.data ?? {}
			});
		},
		list(workshopId: string) {
			return repo.listAudit(workshopId);
		}
	};
}

export type AuditService = ReturnType<typeof createAuditService>;
