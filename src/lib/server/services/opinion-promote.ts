// « Transformer en article / amendement / action »: a facilitator turns a statement (typically a
// consensus one) into a draft charter article, an amendment to an article, or a plan action, in
// one step. The statement keeps where it went (`promotions`), the audit log says who did it.
import type { User } from '../repositories/users';
import type { OpinionRepository } from '../repositories/opinion';
import type { StatementPromotion } from '../db/schema';
import { promoteStatementSchema } from '../../domain/opinion-schemas';
import type { PromoteResult } from '../../protocol/opinion';
import { appendArticleText } from '../charter/append-article';
import { ServiceError } from './service-error';
import { validate } from './validate';
import { isUuid } from './workshops';
import type { DocumentService } from './documents';
import type { LiveDocumentsPort } from './live-documents';
import type { AppEvents } from './app-events';
import type { OpinionAccess } from './opinion-access';

export interface PromotionDeps {
	repo: OpinionRepository;
	access: OpinionAccess;
	documents: DocumentService;
	live: LiveDocumentsPort;
	events: AppEvents;
	/** The charter's amendment proposal (charter-amendments.ts), as the facilitator. */
	proposeAmendment: (
		user: User | null,
		documentId: string,
		articleId: string,
		input: unknown
	) => Promise<{ amendmentId: string }>;
	/** A new action at the end of a plan (plan-drafting.ts). */
	actionFromText: (
		user: User | null,
		planId: string,
		text: string
	) => Promise<{ actionId: string }>;
}

const missing = (field: string) =>
	new ServiceError('validation', { field, params: { reason: 'opinion_promote_target' } });

export function createOpinionPromotion(deps: PromotionDeps) {
	const { repo, access, documents, live, events } = deps;

	/** The target document, of the map's workshop and of the kind wanted, or a validation error. */
	async function target(
		user: User | null,
		workshopId: string,
		documentId: string | undefined,
		kind: 'charter' | 'action_plan',
		field: string
	) {
		if (!documentId) throw missing(field);
		// Articles enter through the charter's structure, actions through the plan's drafting: the
		// same rows of the permission table as the charter and plan pages use.
		const action = kind === 'charter' ? 'charter.configure' : 'plan.draft';
		const found = await documents
			.requireAccess(user, action, documentId)
			.catch((error: unknown) => {
				if (error instanceof Error && 'code' in error && error.code === 'forbidden') throw error;
				throw missing(field);
			});
		if (found.document.workshopId !== workshopId || found.document.kind !== kind)
			throw missing(field);
		return found.document;
	}

	return {
		async promote(user: User | null, mapId: string, statementId: string, input: unknown) {
			const found = await access.map(user, mapId, 'opinion.promote');
			const data = validate(promoteStatementSchema, input);
			const statement = isUuid(statementId)
				? await repo.findStatement(found.map.id, statementId.toLowerCase())
				: null;
			if (!statement)
				throw new ServiceError('not_found', { params: { reason: 'opinion_statement_not_found' } });
			if (statement.status !== 'approved')
				throw new ServiceError('conflict', { params: { reason: 'opinion_statement_unavailable' } });
			const workshopId = found.workshop.id;
			let promotion: StatementPromotion;
			if (data.to === 'article') {
				const charter = await target(user, workshopId, data.documentId, 'charter', 'documentId');
				let ref: { articleId: string | null; ref: string } = { articleId: null, ref: '' };
				await live.editDoc(charter.id, (doc) => {
					ref = appendArticleText(doc, statement.text);
				});
				events.emit('charter.changed', { workshopId, documentId: charter.id });
				promotion = { kind: 'article', id: ref.articleId ?? ref.ref, documentId: charter.id };
			} else if (data.to === 'amendment') {
				const charter = await target(user, workshopId, data.documentId, 'charter', 'documentId');
				if (!data.articleId) throw missing('articleId');
				const { amendmentId } = await deps.proposeAmendment(user, charter.id, data.articleId, {
					kind: 'add',
					text: statement.text
				});
				promotion = { kind: 'amendment', id: amendmentId, documentId: charter.id };
			} else {
				const plan = await target(user, workshopId, data.planId, 'action_plan', 'planId');
				const { actionId } = await deps.actionFromText(user, plan.id, statement.text);
				promotion = { kind: 'action', id: actionId, documentId: plan.id };
			}
			await repo.transaction(async (tx) => {
				await tx.addPromotion(statement.id, promotion);
				await tx.audit({
					workshopId,
					actor: found.member.userId,
					action: 'opinion.promote',
					subject: found.map.id,
					data: { statementId: statement.id, text: statement.text, ...promotion }
				});
			});
			const result: PromoteResult = { kind: promotion.kind, id: promotion.id };
			return result;
		}
	};
}
