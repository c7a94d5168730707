// The workshop report (procès-verbal): gathers what happened in a workshop — actual round times,
// attendance (aggregated, small groups hidden), published decisions, the adopted charter, the
// action plan summary, the documents — and hands it to the PDF or DOCX writer in the workshop's
// language. Facilitators and reviewers (the mayor's office receives the minutes) may generate it.
import * as Y from 'yjs';
import { z } from 'zod';
import type { User } from '../repositories/users';
import type { DocumentsRepository } from '../repositories/documents';
import type { PollsRepository } from '../repositories/polls';
import type { ReportRepository } from '../repositories/report';
import type { DocumentRow } from '../db/schema';
import type { AgendaItem } from '../../domain/agenda';
import { budgetTotals, DEFAULT_CURRENCY } from '../../domain/action-plan';
import { actualRoundTimes } from '../../domain/round-times';
import { fragmentOf, readBlocks, type Block } from '../documents/document-tree';
import { fileNameFor } from '../documents/export-input';
import { readActions, readActionsFromState } from '../plans/read-plan';
import type { Locale } from '../i18n';
import type { AuditService } from '../services/audit';
import type { InclusionService } from '../services/inclusion';
import type { LiveDocumentsPort } from '../services/live-documents';
import type { PollService } from '../services/polls';
import { ServiceError } from '../services/service-error';
import type { WorkshopService } from '../services/workshops';
import { composeReport } from './compose';
import type { ReportCharter, ReportData, ReportPlan } from './report-model';
import { reportDocx } from './report-docx';
import { reportPdf } from './report-pdf';
import type { PdfFonts } from '../documents/pdf-fonts';
import type { ConsolidatedCharter } from '../../domain/consolidated-charter';
import type { ReportOpinionMap } from '../services/opinion-exports';

export const REPORT_FORMATS = ['pdf', 'docx'] as const;
const formatSchema = z.enum(REPORT_FORMATS);
const CONTENT_TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

function blocksOfState(state: Uint8Array): Block[] {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return readBlocks(fragmentOf(doc));
	} finally {
		doc.destroy();
	}
}

export function createReportService(deps: {
	repo: ReportRepository;
	workshops: WorkshopService;
	agendaItems: (workshopId: string) => Promise<AgendaItem[]>;
	pollsRepo: Pick<PollsRepository, 'listPolls'>;
	polls: Pick<PollService, 'results'>;
	inclusion: Pick<InclusionService, 'forReport'>;
	documentsRepo: Pick<DocumentsRepository, 'listByWorkshop'>;
	live: Pick<LiveDocumentsPort, 'getDoc'>;
	audit: AuditService;
	/**
	 * The charter article by article (the charter service's `consolidated`), read with the
	 * report's caller: when it has an adopted article the report prints it instead of the full text.
	 */
	consolidated?: (user: User | null, documentId: string) => Promise<ConsolidatedCharter>;
	/** The workshop's opinion maps as the report prints them (opinion-exports.ts). */
	opinionMaps?: (workshopId: string) => Promise<ReportOpinionMap[]>;
	/** The PDF fonts loaded at start (pdf-fonts.ts). */
	pdfFonts?: PdfFonts;
	now?: () => number;
}) {
	const { repo, live } = deps;
	const now = deps.now ?? Date.now;

	/**
	 * The adopted text: a charter adopted article by article is its consolidated charter (the
	 * adopted articles, their votes, the amendments); otherwise a locked charter is its live text
	 * (the lock froze it); otherwise the newest named version (what the room saved as a milestone);
	 * otherwise the live text, marked as a draft.
	 */
	async function charter(user: User | null, document: DocumentRow): Promise<ReportCharter> {
		const consolidated = deps.consolidated ? await deps.consolidated(user, document.id) : null;
		if (consolidated && consolidated.articles.length > 0)
			return { title: document.title, source: { kind: 'consolidated' }, blocks: [], consolidated };
		if (!document.locked) {
			const version = await repo.latestVersion(document.id);
			if (version)
				return {
					title: document.title,
					source: { kind: 'version', name: version.name, createdAt: version.createdAt.getTime() },
					blocks: blocksOfState(version.state)
				};
		}
		return {
			title: document.title,
			source: { kind: document.locked ? 'locked' : 'live' },
			blocks: readBlocks(fragmentOf(await live.getDoc(document.id)))
		};
	}

	/** The approved submission if any, else the newest submission, else the live draft. */
	async function plan(document: DocumentRow, currency: string): Promise<ReportPlan> {
		const { latest, approved } = await repo.planSubmissions(document.id);
		const basis = approved ?? latest;
		const actions = basis
			? readActionsFromState(basis.state, currency)
			: readActions(await live.getDoc(document.id), currency);
		return {
			title: document.title,
			basis: approved ? 'approved' : latest ? 'submitted' : 'live',
			status: latest?.status ?? null,
			actions,
			totals: budgetTotals(actions)
		};
	}

	async function gather(
		user: User | null,
		workshopId: string,
		locale: Locale,
		workshop: ReportData['workshop']
	) {
		const [items, events, attendance, pollRows, documents, currency] = await Promise.all([
			deps.agendaItems(workshopId),
			repo.agendaEvents(workshopId),
			deps.inclusion.forReport(workshopId),
			deps.pollsRepo.listPolls(workshopId),
			deps.documentsRepo.listByWorkshop(workshopId),
			repo.planCurrency(workshopId)
		]);
		const times = actualRoundTimes(events);
		const published = pollRows.filter((p) => p.state.status === 'published');
		const data: ReportData = {
			workshopId,
			locale,
			workshop,
			generatedAt: now(),
			rounds: items.map((item) => ({
				title: item.title,
				kind: item.kind,
				durationSeconds: item.durationSeconds,
				startedAt: times.get(item.id)?.startedAt ?? null,
				endedAt: times.get(item.id)?.endedAt ?? null
			})),
			attendance,
			// Published results are public: the same figures anyone can read on the results page.
			decisions: await Promise.all(published.map((p) => deps.polls.results(null, p.id))),
			charters: await Promise.all(
				documents.filter((d) => d.kind === 'charter').map((d) => charter(user, d))
			),
			plans: await Promise.all(
				documents
					.filter((d) => d.kind === 'action_plan')
					.map((d) => plan(d, currency ?? DEFAULT_CURRENCY))
			),
			opinionMaps: deps.opinionMaps ? await deps.opinionMaps(workshopId) : [],
			documents: documents.map((d) => ({
				title: d.title,
				kind: d.kind,
				locked: d.locked,
				published: d.published
			}))
		};
		return data;
	}

	/** The facts of the report, checked for the caller's role; in the workshop's language. */
	async function data(user: User | null, workshopId: string): Promise<ReportData> {
		const { workshop } = await deps.workshops.requireAccess(user, 'report.read', { workshopId });
		const locale: Locale = workshop.language === 'en' ? 'en' : 'fr';
		return gather(user, workshop.id, locale, {
			title: workshop.title,
			commune: workshop.commune,
			quartier: workshop.quartier,
			date: (workshop.startsAt ?? workshop.createdAt).getTime()
		});
	}

	return {
		data,
		/** `GET /api/workshops/:id/report?format=pdf|docx`. */
		async generate(user: User | null, workshopId: string, format: unknown) {
			const parsed = formatSchema.safeParse(format ?? 'pdf');
			if (!parsed.success) throw new ServiceError('validation', { field: 'format' });
			const facts = await data(user, workshopId);
			const report = composeReport(facts);
			const body =
				parsed.data === 'pdf' ? await reportPdf(report, deps.pdfFonts) : await reportDocx(report);
			await deps.audit.record({
				workshopId: facts.workshopId,
				actor: user!.id,
				action: 'report.generate',
				data: { format: parsed.data }
			});
			return {
				body,
				contentType: CONTENT_TYPES[parsed.data],
				fileName: fileNameFor(report.title, parsed.data)
			};
		}
	};
}

export type ReportService = ReturnType<typeof createReportService>;
