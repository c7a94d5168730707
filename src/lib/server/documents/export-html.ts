// HTML from the block tree: a fragment (for viewing a version in the page) or a whole printable
// page (export). Every text is escaped; links are limited to http(s)/mailto by the tree reader.
import type { Block, Inline } from './document-tree';
import type { ExportInput } from './export-input';

export function blocksToHtml(blocks: Block[]): string {
	return blocks.map(blockToHtml).join('\n');
}

export function exportHtml(input: ExportInput, lang = 'fr'): string {
	const subtitle = [input.workshopTitle, input.commune, input.dateLabel]
		.filter(Boolean)
		.join(' · ');
	return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}header p{color:#555}</style>
</head>
<body>
<header><h1>${escapeHtml(input.title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<main>
${blocksToHtml(input.blocks)}
</main>
</body>
</html>
`;
}

function blockToHtml(block: Block): string {
	switch (block.type) {
		case 'heading':
			return `<h${block.level}>${inline(block.content)}</h${block.level}>`;
		case 'paragraph':
			return `<p>${inline(block.content)}</p>`;
		case 'bulletList':
			return `<ul>${block.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join('')}</ul>`;
		case 'orderedList': {
			const start = block.start !== 1 ? ` start="${block.start}"` : '';
			return `<ol${start}>${block.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join('')}</ol>`;
		}
		case 'blockquote':
			return `<blockquote>${blocksToHtml(block.children)}</blockquote>`;
		case 'codeBlock':
			return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
		case 'horizontalRule':
			return '<hr>';
	}
}

function inline(content: Inline[]): string {
	return content
		.map((part) => {
			if ('hardBreak' in part) return '<br>';
			const { marks } = part;
			let html = escapeHtml(part.text);
			if (marks.code) html = `<code>${html}</code>`;
			if (marks.bold) html = `<strong>${html}</strong>`;
			if (marks.italic) html = `<em>${html}</em>`;
			if (marks.underline) html = `<u>${html}</u>`;
			if (marks.strike) html = `<s>${html}</s>`;
			if (marks.link)
				html = `<a href="${escapeHtml(marks.link)}" rel="noopener noreferrer nofollow">${html}</a>`;
			return html;
		})
		.join('');
}

export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}
