// What every part of the charter service shares: its dependencies, the access checks
// that start each use case (a non-member, or a member of another workshop, learns nothing: 404),
// the article lookup in the live Y.Doc, and the change notice.
import type * as Y from 'yjs';
import type { User } from '../repositories/users';
import type { CharterRepository } from '../repositories/charter';
import type { DocumentRow, WorkshopRow } from '../db/schema';
import type { Action, ResourceState } from '../../domain/permissions';
import { readArticles, type DocArticle } from '../charter/article-doc';
import { ServiceError } from './service-error';
import type { DocumentAccess, DocumentService } from './documents';
import type { LiveDocumentsPort } from './live-documents';
import type { AppEvents } from './app-events';
import type { PollService } from './polls';
import type { AgendaService } from './agenda';

export interface CharterDeps {
	repo: CharterRepository;
	documents: DocumentService;
	live: LiveDocumentsPort;
	polls: PollService;
	agenda: AgendaService;
	events: AppEvents;
	/** Public reads (published consolidated charter) and vote outcomes happen with no member. */
	findDocument(documentId: string): Promise<DocumentRow | null>;
	findWorkshop(workshopId: string): Promise<WorkshopRow | null | undefined>;
	/** A merged amendment's author wrote in the charter: the inclusion panel counts them. */
	recordWriter(documentId: string, memberId: string): Promise<void>;
	now: () => number;
}

export function refusal(reason: string, code: 'conflict' | 'not_found' = 'conflict') {
	return new ServiceError(code, { params: { reason } });
}

export function createCharterContext(deps: CharterDeps) {
	const { documents, live, events } = deps;

	/**
	 * The permission table for `action` on the charter (its lock and grants as state); any other
	 * document kind is "not found" here.
	 */
	async function access(
		user: User | null,
		documentId: string,
		action: Action,
		state?: (found: DocumentAccess) => ResourceState
	): Promise<DocumentAccess> {
		const found = await documents.requireAccess(user, action, documentId, state);
		if (found.document.kind !== 'charter') throw new ServiceError('not_found');
		return found;
	}

	/** The article as the live Y.Doc has it now, or 404. */
	function article(doc: Y.Doc, articleId: string): DocArticle {
		const found = readArticles(doc).find((a) => a.articleId === articleId);
		if (!found) throw refusal('charter_article_not_found', 'not_found');
		return found;
	}

	function changed(workshopId: string, documentId: string) {
		events.emit('charter.changed', { workshopId, documentId });
	}

	/** Runs `edit` as one server transaction on the live document and returns what it returned. */
	async function edit<T>(documentId: string, work: (doc: Y.Doc) => T): Promise<T> {
		let out: T | undefined;
		await live.editDoc(documentId, (doc) => {
			out = work(doc);
		});
		return out as T;
	}

	return { ...deps, access, article, changed, edit };
}

export type CharterContext = ReturnType<typeof createCharterContext>;
