// The consolidated charter: the adopted articles only, renumbered, each with its vote and its
// co-authors, after the préambule, then the table of the amendments that were decided. The shape
// is the contract between the charter service (which builds it) and every place that shows it
// (public page, PDF, DOCX, HTML, procès-verbal); the lines below are worded here once, from the
// catalogs, so that every format says the same thing.
import type { Block } from './document-blocks';
import { formatIsoDay, formatNumberFor } from './locale-format';

export interface ConsolidatedVotes {
	for: number;
	against: number;
	abstain: number;
}

export interface ConsolidatedArticle {
	number: number;
	articleId: string;
	title: string;
	text: string;
	blocks: Block[];
	adoptedAt: string;
	votes: ConsolidatedVotes;
	coAuthors: string[];
}

export interface ConsolidatedAmendment {
	amendmentId: string;
	articleNumber: number | null;
	articleTitle: string;
	kind: string;
	author: string | null;
	status: 'adopted' | 'rejected' | 'withdrawn';
	votes: ConsolidatedVotes | null;
	decidedAt: string | null;
}

export interface ConsolidatedCharter {
	documentId: string;
	workshopTitle: string;
	title: string;
	publishedAt: string | null;
	language: 'fr' | 'en';
	preamble: { title: string; text: string; blocks: Block[] } | null;
	/** Adopted only, renumbered 1..n. */
	articles: ConsolidatedArticle[];
	amendments: ConsolidatedAmendment[];
}

/** A catalog lookup in the charter's language: `translate(key, c.language, params)`. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export const CONSOLIDATED_FORMATS = ['pdf', 'docx', 'html'] as const;
export type ConsolidatedFormat = (typeof CONSOLIDATED_FORMATS)[number];

const KINDS = new Set(['replace', 'add', 'delete', 'rewrite']);

/** « 12 mars 2027 » never broken across lines (no-break spaces), in a vote line or a subtitle. */
function day(iso: string, locale: 'fr' | 'en'): string {
	return formatIsoDay(iso, locale).replace(/ /g, '\u00a0');
}

/** « Article 3 — Objet de la charte », or « Article 3 » when the title is empty. */
export function articleHeading(article: { number: number; title: string }, t: Translate): string {
	const title = article.title.trim();
	return title
		? t('export_charter_article_heading', { number: article.number, title })
		: t('export_charter_article_number', { number: article.number });
}

/** The préambule's own title when it has one, else « Préambule ». */
export function preambleHeading(preamble: { title: string }, t: Translate): string {
	return preamble.title.trim() || t('export_charter_preamble');
}

/**
 * « Adopté le 12 mars 2027 par 41 voix pour, 3 contre et 2 abstentions. » None against or
 * abstaining reads « aucune voix contre », « aucune abstention » (never « 0 abstention »); an
 * article adopted by hand, without a ballot, says so rather than « par 0 voix pour ».
 */
export function voteLine(
	article: { adoptedAt: string; votes: ConsolidatedVotes },
	locale: 'fr' | 'en',
	t: Translate
): string {
	const date = day(article.adoptedAt, locale);
	const { votes } = article;
	if (votes.for + votes.against + votes.abstain === 0)
		return t('export_charter_adopted_without_vote', { date });
	const n = (count: number) => formatNumberFor(count, locale);
	const part = (key: string, count: number, none: boolean) =>
		none && count === 0 ? t(`${key}_none`) : t(key, { count, shown: n(count) });
	return t('export_charter_vote_line', {
		date,
		votesFor: part('export_charter_votes_for', votes.for, false),
		votesAgainst: part('export_charter_votes_against', votes.against, true),
		votesAbstain: part('export_charter_votes_abstain', votes.abstain, true)
	});
}

/** « Avec les amendements de Aïcha Moussa et Ibrahim Sani. », or null when nobody is credited. */
export function coAuthorsLine(names: string[], locale: 'fr' | 'en', t: Translate): string | null {
	const credited = names.map((name) => name.trim()).filter(Boolean);
	if (credited.length === 0) return null;
	const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(credited);
	return t('export_charter_co_authors', { names: list });
}

export function amendmentKindLabel(kind: string, t: Translate): string {
	return KINDS.has(kind) ? t(`export_charter_kind_${kind}`) : kind;
}

export function amendmentStatusLabel(status: ConsolidatedAmendment['status'], t: Translate) {
	return t(`export_charter_status_${status}`);
}

/** Which article an amendment concerned: its new number when the article was adopted. */
export function amendmentArticleLabel(amendment: ConsolidatedAmendment, t: Translate): string {
	return amendment.articleNumber === null
		? amendment.articleTitle.trim() || t('export_charter_article_unknown')
		: articleHeading({ number: amendment.articleNumber, title: amendment.articleTitle }, t);
}

export interface AmendmentTable {
	header: string[];
	rows: string[][];
	/** Relative column widths (scaled to the page by each writer). */
	widths: number[];
	/** Columns holding numbers (right-aligned where a writer can). */
	numeric: number[];
}

/**
 * The decided amendments in the charter's order: by the new number of their article (those of
 * articles not adopted last), then as they were decided.
 */
export function orderedAmendments(amendments: ConsolidatedAmendment[]): ConsolidatedAmendment[] {
	const rank = (a: ConsolidatedAmendment) => a.articleNumber ?? Number.MAX_SAFE_INTEGER;
	return [...amendments].sort(
		(a, b) => rank(a) - rank(b) || (a.decidedAt ?? '').localeCompare(b.decidedAt ?? '')
	);
}

/**
 * The amendments as a table, in `orderedAmendments` order: article, kind, author or « anonyme »,
 * outcome, pour/contre/abstention.
 */
export function amendmentTable(c: ConsolidatedCharter, t: Translate): AmendmentTable {
	const count = (n: number | undefined) =>
		n === undefined ? t('export_charter_no_vote') : formatNumberFor(n, c.language);
	return {
		header: [
			t('export_charter_col_article'),
			t('export_charter_col_kind'),
			t('export_charter_col_author'),
			t('export_charter_col_status'),
			t('export_charter_col_for'),
			t('export_charter_col_against'),
			t('export_charter_col_abstain')
		],
		rows: orderedAmendments(c.amendments).map((a) => [
			amendmentArticleLabel(a, t),
			amendmentKindLabel(a.kind, t),
			a.author?.trim() || t('export_charter_anonymous'),
			amendmentStatusLabel(a.status, t),
			count(a.votes?.for),
			count(a.votes?.against),
			count(a.votes?.abstain)
		]),
		widths: [22, 17.5, 16.5, 12, 7, 10, 15],
		numeric: [4, 5, 6]
	};
}

/** The line under the title: the workshop, and when the text was published. */
export function charterSubtitle(c: ConsolidatedCharter, t: Translate): string {
	return c.publishedAt
		? t('export_charter_subtitle_published', {
				workshop: c.workshopTitle,
				date: day(c.publishedAt, c.language)
			})
		: t('export_charter_subtitle', { workshop: c.workshopTitle });
}
