// The consolidated charter laid out once, as the report's items (headings, rich text, the vote
// line, the amendments table), so that its own PDF and DOCX and the procès-verbal that includes
// it print the same lines: the report writers draw it with the document exports' block writers.
import {
	amendmentTable,
	articleHeading,
	charterSubtitle,
	coAuthorsLine,
	preambleHeading,
	voteLine,
	type ConsolidatedCharter,
	type Translate
} from '../../domain/consolidated-charter';
import type { ReportDocument, ReportItem } from '../report/report-model';

/**
 * `within: 'document'` when the charter is the whole file (articles are subheadings under the
 * title); `'report'` inside the procès-verbal, where the charter's title is already a subheading.
 */
export function consolidatedItems(
	c: ConsolidatedCharter,
	t: Translate,
	within: 'document' | 'report'
): ReportItem[] {
	const part = within === 'document' ? 'subheading' : 'minorheading';
	const items: ReportItem[] = [];
	if (c.preamble)
		items.push(
			{ kind: part, text: preambleHeading(c.preamble, t) },
			{ kind: 'blocks', blocks: c.preamble.blocks }
		);
	if (c.articles.length === 0)
		items.push({ kind: 'paragraph', text: t('export_charter_no_articles') });
	for (const article of c.articles) {
		const credits = coAuthorsLine(article.coAuthors, c.language, t);
		items.push(
			{ kind: part, text: articleHeading(article, t), keepWith: credits ? 3 : 2 },
			{ kind: 'blocks', blocks: article.blocks, keepWithNext: true },
			{
				kind: 'paragraph',
				text: voteLine(article, c.language, t),
				italic: true,
				keepWithNext: credits !== null
			}
		);
		if (credits) items.push({ kind: 'paragraph', text: credits, muted: true });
	}
	items.push({ kind: part, text: t('export_charter_amendments') });
	if (c.amendments.length === 0)
		items.push({ kind: 'paragraph', text: t('export_charter_no_amendments') });
	else {
		const table = amendmentTable(c, t);
		items.push({ kind: 'table', header: table.header, rows: table.rows, widths: table.widths });
	}
	return items;
}

/** The charter as a file of its own: its title, the workshop and date, then the items. */
export function consolidatedDocument(c: ConsolidatedCharter, t: Translate): ReportDocument {
	return {
		title: c.title,
		header: [c.workshopTitle, t('export_charter_heading')].join(' · '),
		items: [
			{ kind: 'paragraph', text: charterSubtitle(c, t) },
			{ kind: 'paragraph', text: t('export_charter_intro'), muted: true },
			...consolidatedItems(c, t, 'document')
		]
	};
}
