// Workshop documents: creation (from a template), listing, locks, write grants, publication, and
// the access rules /collab applies on every update. The text itself is the live Y.Doc behind the
// LiveDocumentsPort; versions and exports live in their own services over the same access checks.
import type { User } from '../repositories/users';
import type { DocumentsRepository } from '../repositories/documents';
import type { DocumentRow, MemberRow, WorkshopRow } from '../db/schema';
import { documentWriteAccess, type DocumentWriteAccess } from '../../domain/documents';
import type { Action, ResourceState } from '../../domain/permissions';
import {
	createDocumentSchema,
	sizeCapSchema,
	writeGrantsSchema
} from '../../domain/document-schemas';
import { documentSizeCap } from '../../domain/document-size';
import { charterTemplateNodes } from '../documents/charter-template';
import { fragmentOf } from '../documents/document-tree';
import { ServiceError, isServiceError } from './service-error';
import { isUuid, type WorkshopService } from './workshops';
import { validate } from './validate';
import type { AuditService } from './audit';
import type { AppEvents } from './app-events';
import type { LiveDocumentsPort } from './live-documents';
import { createLogger } from '../log';

const log = createLogger('documents');

export interface DocumentAccess {
	document: DocumentRow;
	workshop: WorkshopRow;
	member: MemberRow;
}

/** What clients see of a document (list, page). */
export function documentView(document: DocumentRow) {
	return {
		id: document.id,
		workshopId: document.workshopId,
		kind: document.kind,
		title: document.title,
		locked: document.locked,
		published: document.published,
		writeGrants: document.writeGrants,
		/** Largest encoded size /collab accepts for it, in bytes (see domain/document-size). */
		sizeCap: documentSizeCap(document),
		sizeCapRaised: document.sizeCapBytes !== null,
		createdAt: document.createdAt.toISOString()
	};
}
export type DocumentView = ReturnType<typeof documentView>;

/** What the permission table reads of a document. */
export function documentState(document: DocumentRow): ResourceState {
	return {
		locked: document.locked,
		writeGrants: document.writeGrants,
		published: document.published
	};
}

export function createDocumentService(deps: {
	repo: DocumentsRepository;
	workshops: WorkshopService;
	audit: AuditService;
	events: AppEvents;
	live: LiveDocumentsPort;
}): DocumentService {
	const { repo, workshops, audit, events, live } = deps;

	/**
	 * The permission table for `action` on the document: the caller's membership in its workshop
	 * with the document's own state (lock, grants). 404 whether or not it exists.
	 */
	async function requireAccess(
		user: User | null,
		action: Action,
		documentId: string,
		state?: (found: DocumentAccess) => ResourceState
	): Promise<DocumentAccess> {
		if (!user) throw new ServiceError('unauthenticated');
		const document = isUuid(documentId) ? await repo.find(documentId.toLowerCase()) : null;
		if (!document) throw new ServiceError('not_found');
		const found = await workshops.requireAccess(user, action, {
			workshopId: document.workshopId,
			state: (found) => ({ ...documentState(document), ...state?.({ document, ...found }) })
		});
		return { document, ...found };
	}

	async function setLock(actor: string | null, document: DocumentRow, locked: boolean) {
		const updated = (await repo.update(document.id, { locked })) ?? document;
		// Every connected editor turns read-only at once; the stored flag makes it durable.
		live.setReadOnly(document.id, locked ? 'locked' : null);
		await live.accessChanged(document.id);
		await audit.record({
			workshopId: document.workshopId,
			actor,
			action: locked ? 'document.lock' : 'document.unlock',
			subject: document.id
		});
		return updated;
	}

	// A round linked to a document may lock it when it ends (agenda `onEnd.lockDocument`).
	events.on('agenda.roundEnded', ({ workshopId, effects }) => {
		const id = effects.lockDocumentId;
		if (!id || !isUuid(id)) return;
		void repo
			.find(id)
			.then((document) =>
				document && document.workshopId === workshopId && !document.locked
					? setLock(null, document, true)
					: null
			)
			.catch((error: unknown) => log.error({ err: error }, 'round-end lock failed'));
	});
	const memberChanged = (workshopId: string, userId: string, removed: boolean) => {
		void repo
			.listByWorkshop(workshopId)
			.then((docs) =>
				live.memberChanged(
					userId,
					docs.map((d) => d.id),
					removed
				)
			)
			.catch((error: unknown) => log.error({ err: error }, 'member change failed'));
	};
	events.on('member.role', (e) => memberChanged(e.workshopId, e.userId, false));
	events.on('member.removed', (e) => memberChanged(e.workshopId, e.userId, true));

	/**
	 * For the /collab upgrade and its re-checks: the document and the caller's live membership
	 * if the table lets them read it (`document.read`), or the refusal's status.
	 */
	async function collabAccess(user: User, documentId: string) {
		const document = await repo.find(documentId);
		if (!document) return { ok: false as const, status: 404 as const };
		try {
			const { member } = await workshops.requireAccess(user, 'document.read', {
				workshopId: document.workshopId,
				state: documentState(document)
			});
			return { ok: true as const, document, member };
		} catch (error) {
			if (isServiceError(error)) return { ok: false as const, status: 403 as const };
			throw error;
		}
	}

	return {
		requireAccess,
		async create(user: User | null, workshopId: string, input: unknown) {
			const { workshop } = await workshops.requireAccess(user, 'document.create', { workshopId });
			const data = validate(createDocumentSchema, input);
			const document = await repo.insert({
				workshopId: workshop.id,
				kind: data.kind,
				title: data.title,
				createdBy: user!.id
			});
			if (data.template === 'charter') {
				await live.editDoc(document.id, (doc) => {
					const fragment = fragmentOf(doc);
					fragment.insert(fragment.length, charterTemplateNodes());
				});
			}
			await audit.record({
				workshopId: workshop.id,
				actor: user!.id,
				action: 'document.create',
				subject: document.id,
				data: { kind: data.kind, template: data.template ?? null }
			});
			return document;
		},
		async list(user: User | null, workshopId: string) {
			await workshops.requireAccess(user, 'document.list', { workshopId });
			return (await repo.listByWorkshop(workshopId)).map(documentView);
		},
		async get(user: User | null, documentId: string) {
			const found = await requireAccess(user, 'document.read', documentId);
			return {
				...found,
				canWrite: documentWriteAccess(found.member.role, found.document)
			};
		},
		async lock(user: User | null, documentId: string, locked: boolean) {
			const { document } = await requireAccess(user, 'document.lock', documentId);
			if (document.locked === locked) return documentView(document);
			return documentView(await setLock(user!.id, document, locked));
		},
		async setWriteGrants(user: User | null, documentId: string, input: unknown) {
			const { document } = await requireAccess(user, 'document.grants', documentId);
			const { roles } = validate(writeGrantsSchema, input);
			const updated = await repo.update(document.id, { writeGrants: [...new Set(roles)] });
			await live.accessChanged(document.id);
			await audit.record({
				workshopId: document.workshopId,
				actor: user!.id,
				action: 'document.grants',
				subject: document.id,
				data: { roles }
			});
			return documentView(updated ?? document);
		},
		/** Raises (or resets, with null) the document's size cap; live editors get it at once. */
		async setSizeCap(user: User | null, documentId: string, input: unknown) {
			const { document } = await requireAccess(user, 'document.size_cap', documentId);
			const { bytes } = validate(sizeCapSchema, input);
			const updated = await repo.update(document.id, { sizeCapBytes: bytes });
			await live.accessChanged(document.id);
			await audit.record({
				workshopId: document.workshopId,
				actor: user!.id,
				action: 'document.size_cap',
				subject: document.id,
				data: { bytes }
			});
			return documentView(updated ?? document);
		},
		async publish(user: User | null, documentId: string, published: boolean) {
			const { document } = await requireAccess(user, 'document.publish', documentId);
			const updated = await repo.update(document.id, { published });
			await audit.record({
				workshopId: document.workshopId,
				actor: user!.id,
				action: published ? 'document.publish' : 'document.unpublish',
				subject: document.id
			});
			return documentView(updated ?? document);
		},
		collabAccess,
		/** Fresh from the database: called (through a short cache) on every Yjs update. */
		async writeAccess(documentId: string, user: User): Promise<DocumentWriteAccess> {
			const found = await collabAccess(user, documentId);
			if (!found.ok) return 'read_only';
			return documentWriteAccess(found.member.role, found.document);
		}
	};
}

export interface DocumentService {
	/**
	 * The permission table for `action` on the document (its lock and grants as state, plus what
	 * `state` adds from the caller's access); 404 for a non-member whether or not it exists.
	 */
	requireAccess(
		user: User | null,
		action: Action,
		documentId: string,
		state?: (found: DocumentAccess) => ResourceState
	): Promise<DocumentAccess>;
	create(user: User | null, workshopId: string, input: unknown): Promise<DocumentRow>;
	list(user: User | null, workshopId: string): Promise<DocumentView[]>;
	get(
		user: User | null,
		documentId: string
	): Promise<DocumentAccess & { canWrite: DocumentWriteAccess }>;
	lock(user: User | null, documentId: string, locked: boolean): Promise<DocumentView>;
	setWriteGrants(user: User | null, documentId: string, input: unknown): Promise<DocumentView>;
	setSizeCap(user: User | null, documentId: string, input: unknown): Promise<DocumentView>;
	publish(user: User | null, documentId: string, published: boolean): Promise<DocumentView>;
	collabAccess(
		user: User,
		documentId: string
	): Promise<
		{ ok: true; document: DocumentRow; member: MemberRow } | { ok: false; status: 404 | 403 }
	>;
	/** Fresh from the database: called (through a short cache) on every Yjs update. */
	writeAccess(documentId: string, user: User): Promise<DocumentWriteAccess>;
}
