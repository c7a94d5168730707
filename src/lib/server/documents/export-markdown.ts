// Markdown (CommonMark) from the block tree: headings, lists (nested by indentation), emphasis,
// links. Characters Markdown would read as syntax are escaped so the text comes back as typed.
import type { Block, Inline } from './document-tree';
import type { ExportInput } from './export-input';

export function exportMarkdown(input: ExportInput): string {
	const body = blocksToMarkdown(input.blocks, '');
	return `# ${escapeText(input.title)}\n\n${body}`.trimEnd() + '\n';
}

function blocksToMarkdown(blocks: Block[], indent: string): string {
	return blocks.map((block) => blockToMarkdown(block, indent)).join('\n');
}

function blockToMarkdown(block: Block, indent: string): string {
	switch (block.type) {
		case 'heading':
			// The document title is the one `#`: headings inside start one level below.
			return `${indent}${'#'.repeat(Math.min(block.level + 1, 6))} ${inline(block.content)}\n`;
		case 'paragraph':
			return `${indent}${inline(block.content).replaceAll('\n', `\n${indent}`)}\n`;
		case 'bulletList':
		case 'orderedList':
			return (
				block.items
					.map((item, i) => {
						const marker = block.type === 'bulletList' ? '- ' : `${block.start + i}. `;
						const inner = blocksToMarkdown(item, indent + ' '.repeat(marker.length)).trimEnd();
						return `${indent}${marker}${inner.slice(indent.length + marker.length)}`;
					})
					.join('\n') + '\n'
			);
		case 'blockquote':
			return (
				blocksToMarkdown(block.children, '')
					.trimEnd()
					.split('\n')
					.map((line) => `${indent}> ${line}`.trimEnd())
					.join('\n') + '\n'
			);
		case 'codeBlock':
			return `${indent}\`\`\`\n${block.text}\n${indent}\`\`\`\n`;
		case 'horizontalRule':
			return `${indent}---\n`;
	}
}

function inline(content: Inline[]): string {
	return content
		.map((part) => {
			if ('hardBreak' in part) return '  \n';
			const { marks } = part;
			if (marks.code) return '`' + part.text.replaceAll('`', '\\`') + '`';
			// Emphasis markers hug the words: surrounding spaces stay outside them.
			const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.text) ?? [
				'',
				'',
				part.text,
				''
			];
			if (!core) return part.text;
			let text = escapeText(core);
			if (marks.bold) text = `**${text}**`;
			if (marks.italic) text = `*${text}*`;
			if (marks.strike) text = `~~${text}~~`;
			if (marks.link)
				text = `[${text}](${marks.link.replaceAll(')', '%29').replaceAll(' ', '%20')})`;
			return lead + text + trail;
		})
		.join('');
}

function escapeText(text: string): string {
	return text.replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/^(\s*)([-+]|\d+[.)])(\s)/, '$1\\$2$3');
}
