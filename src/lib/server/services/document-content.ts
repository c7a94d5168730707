// What is read from or written into a document's text: named versions (saved, listed, viewed,
// compared, restored as a new change) and exports. All derived from the live Y.Doc or a saved
// Yjs state; there is no second stored copy of any text.
import { formatDate } from '../../domain/locale-format';
import * as Y from 'yjs';
import { z } from 'zod';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { User } from '../repositories/users';
import type { DocumentsRepository } from '../repositories/documents';
import type { DocumentRow, WorkshopRow } from '../db/schema';
import { EXPORT_FORMATS, type ExportFormat } from '../../domain/documents';
import { versionNameSchema } from '../../domain/document-schemas';
import { diffWords } from '../../domain/word-diff';
import { diffLines, type DocumentLine } from '../../domain/document-diff';
import { blocksToDiffLines, fragmentOf, readBlocks } from '../documents/document-tree';
import { keepingAdopted } from '../charter/article-doc';
import { blocksToHtml, exportHtml } from '../documents/export-html';
import { exportMarkdown } from '../documents/export-markdown';
import { exportPdf } from '../documents/export-pdf';
import { exportDocx } from '../documents/export-docx';
import { fileNameFor, type ExportInput } from '../documents/export-input';
import { ServiceError, isServiceError } from './service-error';
import { isUuid } from './workshops';
import { validate } from './validate';
import type { AuditService } from './audit';
import { documentState, type DocumentService } from './documents';
import { allows } from '../../domain/permissions';
import type { LiveDocumentsPort } from './live-documents';
import type { PlanExportService } from '../plans/plan-exports';
import { PLAN_EXPORT_FORMATS } from '../documents/plan-export-input';
import type { PdfFonts } from '../documents/pdf-fonts';
import type { Locale } from '../i18n';

/** `current` compares with (or exports) the live text rather than a saved version. */
export const CURRENT = 'current';
const formatSchema = z.enum(EXPORT_FORMATS);
/** Every format some document kind exports: anything else is refused before access is checked. */
const anyFormatSchema = z.enum([...EXPORT_FORMATS, ...PLAN_EXPORT_FORMATS]);

const CONTENT_TYPES: Record<ExportFormat, string> = {
	md: 'text/markdown; charset=utf-8',
	html: 'text/html; charset=utf-8',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
};

function docFromState(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	return doc;
}

function versionSummary(row: { id: string; name: string; hash: string; createdAt: Date }) {
	return { id: row.id, name: row.name, hash: row.hash, createdAt: row.createdAt.toISOString() };
}

export function createDocumentContentService(deps: {
	repo: DocumentsRepository;
	documents: DocumentService;
	/** Public exports have no member to go through: the workshop is read directly. */
	findWorkshop: (id: string) => Promise<WorkshopRow | null>;
	audit: AuditService;
	live: LiveDocumentsPort;
	/** Action plans export as a table (PDF, DOCX, CSV, JSON) rather than as text. */
	plans?: PlanExportService;
	fonts?: PdfFonts;
}) {
	const { repo, documents, findWorkshop, audit, live, plans, fonts } = deps;

	async function version(document: DocumentRow, versionId: string) {
		const row = isUuid(versionId) ? await repo.findVersion(document.id, versionId) : null;
		if (!row) throw new ServiceError('not_found');
		return row;
	}

	/** The lines of a saved version or of the live text. */
	async function linesOf(document: DocumentRow, ref: string): Promise<DocumentLine[]> {
		if (ref === CURRENT)
			return blocksToDiffLines(readBlocks(fragmentOf(await live.getDoc(document.id))));
		const doc = docFromState((await version(document, ref)).state);
		try {
			return blocksToDiffLines(readBlocks(fragmentOf(doc)));
		} finally {
			doc.destroy();
		}
	}

	async function exportInput(
		document: DocumentRow,
		workshop: WorkshopRow,
		locale: string
	): Promise<ExportInput> {
		const doc = await live.getDoc(document.id);
		const date = workshop.startsAt ?? new Date();
		return {
			title: document.title,
			workshopTitle: workshop.title,
			commune: workshop.commune,
			dateLabel: formatDate(date, locale),
			blocks: readBlocks(fragmentOf(doc))
		};
	}

	return {
		async saveVersion(user: User | null, documentId: string, input: unknown) {
			const { document } = await documents.requireAccess(user, 'document.version', documentId);
			const { name } = validate(versionNameSchema, input);
			const state = Y.encodeStateAsUpdate(await live.getDoc(document.id));
			const row = await repo.insertVersion({
				documentId: document.id,
				name,
				state,
				hash: encodeHexLowerCase(sha256(state)),
				createdBy: user!.id
			});
			await audit.record({
				workshopId: document.workshopId,
				actor: user!.id,
				action: 'document.version_save',
				subject: document.id,
				data: { versionId: row.id, name }
			});
			return versionSummary(row);
		},
		async listVersions(user: User | null, documentId: string) {
			const { document } = await documents.requireAccess(user, 'document.read', documentId);
			return (await repo.listVersions(document.id)).map(versionSummary);
		},
		/** A past version, read-only, as HTML (the same rendering as the HTML export). */
		async viewVersion(user: User | null, documentId: string, versionId: string) {
			const { document } = await documents.requireAccess(user, 'document.read', documentId);
			const row = await version(document, versionId);
			const doc = docFromState(row.state);
			try {
				return { ...versionSummary(row), html: blocksToHtml(readBlocks(fragmentOf(doc))) };
			} finally {
				doc.destroy();
			}
		},
		async diff(user: User | null, documentId: string, from: string | null, to: string | null) {
			const { document } = await documents.requireAccess(user, 'document.read', documentId);
			if (!from) throw new ServiceError('validation', { field: 'from' });
			const target = to || CURRENT;
			const [before, after] = await Promise.all([
				linesOf(document, from),
				linesOf(document, target)
			]);
			const text = (lines: DocumentLine[]) => lines.map((line) => line.text).join('\n');
			return {
				from,
				to: target,
				// `parts`: the words, as one text; `rows`: the same, line by line with each line's kind.
				parts: diffWords(text(before), text(after)),
				rows: diffLines(before, after)
			};
		},
		/** Puts a version's content back as a new change: the history (and every version) is kept. */
		async restore(user: User | null, documentId: string, versionId: string) {
			const { document } = await documents.requireAccess(user, 'document.version', documentId);
			const row = await version(document, versionId);
			const source = docFromState(row.state);
			try {
				// Tiptap never writes hooks; anything else is cloned into the live document.
				const content = fragmentOf(source)
					.toArray()
					.filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook))
					.map((node) => node.clone());
				await live.editDoc(document.id, (doc) =>
					// A charter's adopted articles and status mirror survive a restore.
					keepingAdopted(doc, () => {
						const fragment = fragmentOf(doc);
						fragment.delete(0, fragment.length);
						fragment.insert(0, content);
					})
				);
			} finally {
				source.destroy();
			}
			await audit.record({
				workshopId: document.workshopId,
				actor: user!.id,
				action: 'document.version_restore',
				subject: document.id,
				data: { versionId: row.id, name: row.name }
			});
			return versionSummary(row);
		},
		/**
		 * Members may export; anyone may once the document is published, and anyone may export
		 * the approved version of an action plan (its /suivi page already shows it to everyone).
		 */
		async export(
			user: User | null,
			documentId: string,
			format: unknown,
			locale = 'fr',
			options: { version?: unknown } = {}
		) {
			if (!anyFormatSchema.safeParse(format ?? 'md').success)
				throw new ServiceError('validation', { field: 'format' });
			const published = isUuid(documentId) ? await repo.find(documentId.toLowerCase()) : null;
			let document: DocumentRow;
			let workshop: WorkshopRow;
			// Published: open to anyone (the table's public read), no membership to load.
			if (published && allows('public', 'document.export', documentState(published))) {
				document = published;
				const found = await findWorkshop(published.workshopId);
				if (!found) throw new ServiceError('not_found');
				workshop = found;
			} else {
				try {
					({ document, workshop } = await documents.requireAccess(
						user,
						'document.export',
						documentId
					));
				} catch (refused) {
					if (published?.kind !== 'action_plan' || !plans || options.version !== 'approved')
						throw refused;
					const found = await findWorkshop(published.workshopId);
					if (!found) throw refused;
					try {
						return await plans.export(
							published,
							found,
							format ?? 'pdf',
							'approved',
							locale as Locale
						);
					} catch (cause) {
						// No approval: the same refusal as without this door, saying nothing more.
						if (isServiceError(cause) && cause.code === 'not_found') throw refused;
						throw cause;
					}
				}
			}
			if (document.kind === 'action_plan' && plans)
				return plans.export(
					document,
					workshop,
					format ?? 'pdf',
					options.version ?? undefined,
					locale as Locale
				);
			const parsed = formatSchema.safeParse(format ?? 'md');
			if (!parsed.success) throw new ServiceError('validation', { field: 'format' });
			const input = await exportInput(document, workshop, locale);
			const body: string | Buffer =
				parsed.data === 'md'
					? exportMarkdown(input)
					: parsed.data === 'html'
						? exportHtml(input, locale)
						: parsed.data === 'pdf'
							? await exportPdf(input, fonts)
							: await exportDocx(input);
			return {
				body,
				contentType: CONTENT_TYPES[parsed.data],
				fileName: fileNameFor(document.title, parsed.data)
			};
		}
	};
}

export type DocumentContentService = ReturnType<typeof createDocumentContentService>;
