// The consolidated charter as the public page shows it: every line worded in the charter's own
// language (the same words as its PDF), the articles' text as escaped HTML from the block tree.
import {
	amendmentTable,
	articleHeading,
	charterSubtitle,
	coAuthorsLine,
	orderedAmendments,
	preambleHeading,
	voteLine,
	type AmendmentTable,
	type ConsolidatedAmendment,
	type ConsolidatedCharter
} from '../../domain/consolidated-charter';
import { blocksToHtml } from '../documents/export-html';
import { translate } from '../i18n';

export interface ConsolidatedView {
	documentId: string;
	lang: 'fr' | 'en';
	title: string;
	subtitle: string;
	intro: string;
	preamble: { heading: string; html: string } | null;
	articles: Array<{
		articleId: string;
		heading: string;
		html: string;
		voteLine: string;
		coAuthors: string | null;
	}>;
	/** Said instead of the articles when none is adopted yet. */
	noArticles: string | null;
	amendmentsHeading: string;
	amendments: AmendmentTable & { statuses: ConsolidatedAmendment['status'][] };
	noAmendments: string | null;
}

export function consolidatedView(c: ConsolidatedCharter): ConsolidatedView {
	const t = (key: string, params: Record<string, unknown> = {}) =>
		translate(key, c.language, params);
	return {
		documentId: c.documentId,
		lang: c.language,
		title: c.title,
		subtitle: charterSubtitle(c, t),
		intro: t('export_charter_intro'),
		preamble: c.preamble
			? { heading: preambleHeading(c.preamble, t), html: blocksToHtml(c.preamble.blocks) }
			: null,
		articles: c.articles.map((article) => ({
			articleId: article.articleId,
			heading: articleHeading(article, t),
			html: blocksToHtml(article.blocks),
			voteLine: voteLine(article, c.language, t),
			coAuthors: coAuthorsLine(article.coAuthors, c.language, t)
		})),
		noArticles: c.articles.length === 0 ? t('export_charter_no_articles') : null,
		amendmentsHeading: t('export_charter_amendments'),
		amendments: {
			...amendmentTable(c, t),
			statuses: orderedAmendments(c.amendments).map((a) => a.status)
		},
		noAmendments: c.amendments.length === 0 ? t('export_charter_no_amendments') : null
	};
}
