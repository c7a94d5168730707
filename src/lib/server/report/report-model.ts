// The workshop report (procès-verbal) in two stages: the facts the service gathers (ReportData,
// no labels) and the laid-out document the writers render (ReportDocument: headings, paragraphs,
// tables and rich text, every label already translated). The PDF and DOCX writers know nothing
// of polls or plans, so both formats always say the same thing.
import type { Block } from '../documents/document-tree';
import type { ConsolidatedCharter } from '../../domain/consolidated-charter';
import type { BudgetTotals, PlanAction } from '../../domain/action-plan';
import type { InclusionStats } from '../../domain/inclusion-stats';
import type { RoundKind } from '../../domain/agenda';
import type { DocumentKind } from '../../domain/documents';
import type { PollResults } from '../../protocol/polls';
import type { Locale } from '../i18n';
import type { ReportOpinionMap } from '../services/opinion-exports';
import type { MapGroup, MapPoint } from './opinion-map-layout';

export interface ReportRound {
	title: string;
	kind: RoundKind;
	durationSeconds: number;
	startedAt: number | null;
	endedAt: number | null;
}

/** Where a charter's text comes from; see the service for the order of preference. */
export type CharterSource =
	| { kind: 'locked' }
	| { kind: 'version'; name: string; createdAt: number }
	| { kind: 'live' }
	| { kind: 'consolidated' };

export interface ReportCharter {
	title: string;
	source: CharterSource;
	blocks: Block[];
	/** The charter article by article; when it has an adopted article the report prints it instead of `blocks`. */
	consolidated?: ConsolidatedCharter | null;
}

export type PlanStatus = 'submitted' | 'changes_requested' | 'approved';

export interface ReportPlan {
	title: string;
	/** Which text the summary reads: the approved submission, the newest one, or the live draft. */
	basis: 'approved' | 'submitted' | 'live';
	status: PlanStatus | null;
	actions: PlanAction[];
	totals: BudgetTotals;
}

export interface ReportData {
	workshopId: string;
	locale: Locale;
	workshop: {
		title: string;
		commune: string | null;
		quartier: string | null;
		/** The planned date, or the day the workshop was created when none was set. */
		date: number;
	};
	generatedAt: number;
	rounds: ReportRound[];
	attendance: InclusionStats;
	decisions: PollResults[];
	charters: ReportCharter[];
	plans: ReportPlan[];
	/** Cartes des opinions with at least one vote: groups, consensus, divisive (issue #16). */
	opinionMaps?: ReportOpinionMap[];
	documents: Array<{ title: string; kind: DocumentKind; locked: boolean; published: boolean }>;
}

export type ReportItem =
	/** `keepWith`: as for a subheading (the opinion map's section title goes over with its first map). */
	| { kind: 'heading'; text: string; keepWith?: number }
	/**
	 * `keepWith`: how many of the following items go with the heading onto its page when together
	 * they fit in half a page (a short charter article, its vote line and co-authors, never split).
	 */
	| { kind: 'subheading'; text: string; keepWith?: number }
	/** A heading under a subheading: an article of a charter inside the report. */
	| { kind: 'minorheading'; text: string; keepWith?: number }
	/**
	 * `muted`: a small grey note; `italic`: a line set apart (a charter's vote line);
	 * `keepWithNext`: never the last line of a page when a paragraph follows (the vote line and
	 * its co-authors go over together).
	 */
	| { kind: 'paragraph'; text: string; muted?: boolean; italic?: boolean; keepWithNext?: boolean }
	/** `widths`: relative column widths (they are scaled to the page). */
	| { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] }
	/**
	 * The carte des opinions' picture (anonymous dots in [-1, 1], by group, the legend's lines
	 * and a caption on how to read it). Drawn in the PDF (opinion-map-layout.ts); the DOCX leaves
	 * it out with its caption (no rasteriser on the server) and keeps the tables that follow it.
	 */
	| { kind: 'opinionMap'; points: MapPoint[]; groups: MapGroup[]; caption: string }
	/** `keepWithNext`: in Word, the text stays on one page with what follows (an article's vote line). */
	| { kind: 'blocks'; blocks: Block[]; keepWithNext?: boolean };

export interface ReportDocument {
	title: string;
	/** Header line of every page: workshop, place, date. */
	header: string;
	items: ReportItem[];
}
