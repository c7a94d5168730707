// Exports of an action plan (PDF, DOCX, CSV, JSON). Which version: `current` (default) is the
// live document; `approved` is the frozen version of the current approval (404 with reason
// `no_approval` when there is none). A signature is only ever printed under the content it was
// given on: a live export whose actions differ from the approved ones shows the empty
// "Lu et approuvé" block and says which version was approved.
import * as Y from 'yjs';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { isDeepStrictEqual } from 'node:util';
import type { DocumentRow, WorkshopRow } from '../db/schema';
import { budgetTotals } from '../../domain/action-plan';
import { readActions, readActionsFromState } from './read-plan';
import type { ApprovalQuery } from './approval-query';
import type { PlanReviewRepository } from '../repositories/plan-review';
import type { PlanSettingsRepository } from '../repositories/plan-settings';
import { ServiceError } from '../services/service-error';
import type { LiveDocumentsPort } from '../services/live-documents';
import { fileNameFor } from '../documents/export-input';
import {
	PLAN_EXPORT_FORMATS,
	PLAN_EXPORT_VERSIONS,
	formatDate,
	type PlanExportFormat,
	type PlanExportInput,
	type PlanExportVersion
} from '../documents/plan-export-input';
import { exportPlanPdf } from '../documents/export-plan-pdf';
import { exportPlanDocx } from '../documents/export-plan-docx';
import { exportPlanCsv, exportPlanJson } from '../documents/export-plan-data';
import type { PdfFonts } from '../documents/pdf-fonts';
import { translate, type Locale } from '../i18n';

const CONTENT_TYPES: Record<PlanExportFormat, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8'
};

export function isPlanExportFormat(format: unknown): format is PlanExportFormat {
	return (PLAN_EXPORT_FORMATS as readonly unknown[]).includes(format);
}

export function createPlanExportService(deps: {
	query: ApprovalQuery;
	reviews: Pick<PlanReviewRepository, 'latestApproval' | 'findState'>;
	settings: Pick<PlanSettingsRepository, 'effective'>;
	live: LiveDocumentsPort;
	fonts: PdfFonts;
	now?: () => number;
}) {
	const { query, reviews, live, fonts } = deps;
	const now = deps.now ?? Date.now;

	async function input(
		document: DocumentRow,
		workshop: WorkshopRow,
		version: PlanExportVersion,
		locale: Locale
	): Promise<PlanExportInput> {
		const [settings, record, followups] = await Promise.all([
			deps.settings.effective(workshop.id),
			reviews.latestApproval(document.id),
			query.latestFollowups(document.id)
		]);
		const approval = record && { ...record, statement: record.statement ?? '' };
		const approvedState = approval ? await reviews.findState(approval.versionId) : null;
		let state: Uint8Array;
		let actions;
		if (version === 'approved') {
			if (!approval || !approvedState)
				throw new ServiceError('not_found', { params: { reason: 'no_approval' } });
			state = approvedState;
			actions = readActionsFromState(state, settings.currency);
		} else {
			const doc = await live.getDoc(document.id);
			state = Y.encodeStateAsUpdate(doc);
			actions = readActions(doc, settings.currency);
		}
		const signed =
			approvedState !== null &&
			(version === 'approved' ||
				isDeepStrictEqual(readActionsFromState(approvedState, settings.currency), actions));
		return {
			documentId: document.id,
			title: document.title,
			workshopTitle: workshop.title,
			commune: workshop.commune,
			dateLabel: formatDate(workshop.startsAt ?? new Date(now()), locale),
			locale,
			version,
			hash: version === 'approved' && approval ? approval.hash : encodeHexLowerCase(sha256(state)),
			exportedAt: new Date(now()),
			currency: settings.currency,
			axes: settings.axes,
			actions,
			totals: budgetTotals(actions),
			approval,
			signed,
			followups,
			t: (key, params) => translate(`export_${key}`, locale, params)
		};
	}

	return {
		/** Access is the caller's business (the document export applies the documents' rules). */
		async export(
			document: DocumentRow,
			workshop: WorkshopRow,
			format: unknown,
			version: unknown,
			locale: Locale
		) {
			if (!isPlanExportFormat(format)) throw new ServiceError('validation', { field: 'format' });
			const which = version ?? 'current';
			if (!(PLAN_EXPORT_VERSIONS as readonly unknown[]).includes(which))
				throw new ServiceError('validation', { field: 'version' });
			const data = await input(document, workshop, which as PlanExportVersion, locale);
			const body: string | Buffer =
				format === 'pdf'
					? await exportPlanPdf(data, fonts)
					: format === 'docx'
						? await exportPlanDocx(data)
						: format === 'csv'
							? exportPlanCsv(data)
							: exportPlanJson(data);
			return {
				body,
				contentType: CONTENT_TYPES[format],
				fileName: fileNameFor(document.title, format)
			};
		}
	};
}

export type PlanExportService = ReturnType<typeof createPlanExportService>;
