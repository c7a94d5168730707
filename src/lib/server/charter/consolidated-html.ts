// The consolidated charter as one printable HTML page (saved, mailed, opened offline): the same
// items as its PDF and DOCX, every text escaped, links limited to http(s)/mailto by the tree reader.
import type { ConsolidatedCharter, Translate } from '../../domain/consolidated-charter';
import { blocksToHtml, escapeHtml } from '../documents/export-html';
import type { ReportItem } from '../report/report-model';
import { consolidatedDocument } from './consolidated-layout';

const STYLE = [
	'body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}',
	'.muted{color:#555;font-size:.9em}.vote{font-style:italic}',
	'table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}',
	'th{background:#eee}.table{overflow-x:auto}',
	'@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}tr{break-inside:avoid}}'
].join('');

export function consolidatedHtml(c: ConsolidatedCharter, t: Translate): string {
	const layout = consolidatedDocument(c, t);
	return `<!doctype html>
<html lang="${escapeHtml(c.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p class="muted">${escapeHtml(t('export_charter_heading'))}</p><h1>${escapeHtml(layout.title)}</h1></header>
<main>
${layout.items.map(itemHtml).join('\n')}
</main>
</body>
</html>
`;
}

function itemHtml(item: ReportItem): string {
	switch (item.kind) {
		case 'heading':
		case 'subheading':
			return `<h2>${escapeHtml(item.text)}</h2>`;
		case 'minorheading':
			return `<h3>${escapeHtml(item.text)}</h3>`;
		case 'paragraph': {
			const style = item.muted ? ' class="muted"' : item.italic ? ' class="vote"' : '';
			return `<p${style}>${escapeHtml(item.text)}</p>`;
		}
		case 'blocks':
			// The article's own headings rank under its "Article N" heading.
			return `<div class="article-body">${blocksToHtml(item.blocks)}</div>`;
		case 'table': {
			const head = item.header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('');
			const rows = item.rows
				.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
				.join('\n');
			return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
		}
		case 'opinionMap':
			// Only the procès-verbal's PDF draws an opinion map; a charter has none.
			return '';
	}
}
