// Drafting an action plan, around the live Y.Doc that participants edit over /collab: the
// workshop's plan settings (currency, PDC axes) and the facilitator's "this charter article
// becomes an action" command. The actions themselves are written by the clients; the server only
// checks write access per update (/collab), as for every document.
import { randomUUID } from 'node:crypto';
import type { User } from '../repositories/users';
import type { PlanSettingsRepository } from '../repositories/plan-settings';
import type { DocumentRow } from '../db/schema';
import {
	DEFAULT_PLAN_SETTINGS,
	actionFromArticleSchema,
	planSettingsSchema,
	type PlanSettings
} from '../../domain/plan-settings';
import { appendActions } from '../plans/read-plan';
import {
	actionTitleOf,
	charterArticlesOfDoc,
	type CharterArticle
} from '../plans/charter-articles';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { AuditService } from './audit';
import type { DocumentService } from './documents';
import type { LiveDocumentsPort } from './live-documents';
import type { WorkshopService } from './workshops';

export interface CharterArticles {
	charterId: string;
	title: string;
	articles: CharterArticle[];
}

export function createPlanDraftingService(deps: {
	repo: PlanSettingsRepository;
	workshops: WorkshopService;
	documents: DocumentService;
	listDocuments: (workshopId: string) => Promise<DocumentRow[]>;
	audit: AuditService;
	live: LiveDocumentsPort;
}) {
	const { repo, workshops, documents, listDocuments, audit, live } = deps;

	async function settingsOf(workshopId: string): Promise<PlanSettings> {
		const row = await repo.find(workshopId);
		return row ? { currency: row.currency, axes: row.axes } : { ...DEFAULT_PLAN_SETTINGS };
	}

	async function planOf(user: User | null, documentId: string) {
		const found = await documents.requireAccess(user, 'plan.draft', documentId);
		if (found.document.kind !== 'action_plan') throw new ServiceError('not_found');
		return found;
	}

	async function articlesOf(charter: DocumentRow): Promise<CharterArticle[]> {
		return charterArticlesOfDoc(await live.getDoc(charter.id));
	}

	return {
		/** Every member reads them: the plan page shows the axes and the currency to all. */
		async getSettings(user: User | null, workshopId: string) {
			const { workshop } = await workshops.requireAccess(user, 'plan.read', { workshopId });
			return settingsOf(workshop.id);
		},
		async putSettings(user: User | null, workshopId: string, input: unknown) {
			const { workshop } = await workshops.requireAccess(user, 'plan.configure', { workshopId });
			const settings = validate(planSettingsSchema, input);
			const before = await settingsOf(workshop.id);
			await repo.upsert(workshop.id, settings);
			await audit.record({
				workshopId: workshop.id,
				actor: user!.id,
				action: 'plan.settings_update',
				subject: workshop.id,
				data: { before, after: settings }
			});
			return settings;
		},
		/** The articles of the workshop's charters, for the facilitator's picker. */
		async charterArticles(user: User | null, planId: string): Promise<CharterArticles[]> {
			const { document } = await planOf(user, planId);
			const charters = (await listDocuments(document.workshopId)).filter(
				(row) => row.kind === 'charter'
			);
			return Promise.all(
				charters.map(async (charter) => ({
					charterId: charter.id,
					title: charter.title,
					articles: await articlesOf(charter)
				}))
			);
		},
		/**
		 * A short text becomes a new action at the plan's end (an opinion map's consensus
		 * statement); the caller audits with its own source. Facilitators only.
		 */
		async actionFromText(user: User | null, planId: string, text: string) {
			const { document, workshop } = await planOf(user, planId);
			const { currency } = await settingsOf(workshop.id);
			const action = { id: randomUUID(), title: text, description: text, currency };
			await live.editDoc(document.id, (doc) => appendActions(doc, [action]));
			return { actionId: action.id, workshopId: workshop.id };
		},
		/** An article of a charter of the same workshop becomes a new action at the plan's end. */
		async actionFromArticle(user: User | null, planId: string, input: unknown) {
			const { document, workshop } = await planOf(user, planId);
			const { charterId, articleIndex } = validate(actionFromArticleSchema, input);
			const charter = await documents
				.requireAccess(user, 'charter.read', charterId)
				.catch(() => null);
			if (
				!charter ||
				charter.document.workshopId !== workshop.id ||
				charter.document.kind !== 'charter'
			)
				throw new ServiceError('validation', { field: 'charterId' });
			const article = (await articlesOf(charter.document))[articleIndex];
			if (!article) throw new ServiceError('validation', { field: 'articleIndex' });
			const { currency } = await settingsOf(workshop.id);
			const action = {
				id: randomUUID(),
				title: actionTitleOf(article),
				description: article.text,
				currency
			};
			await live.editDoc(document.id, (doc) => appendActions(doc, [action]));
			await audit.record({
				workshopId: workshop.id,
				actor: user!.id,
				action: 'plan.action_from_article',
				subject: document.id,
				data: { actionId: action.id, charterId, articleIndex, heading: article.heading }
			});
			return { actionId: action.id, title: action.title };
		}
	};
}

export type PlanDraftingService = ReturnType<typeof createPlanDraftingService>;
