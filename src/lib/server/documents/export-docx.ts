// Word (DOCX) from the block tree with the `docx` package: real heading styles (so Word's outline
// and table of contents work), bulleted and numbered lists, emphasis and links.
import {
	AlignmentType,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	LevelFormat,
	Packer,
	Paragraph,
	TextRun,
	type ParagraphChild
} from 'docx';
import type { Block, Inline } from './document-tree';
import type { ExportInput } from './export-input';

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4,
	HeadingLevel.HEADING_5,
	HeadingLevel.HEADING_6
];
const NUMBERED = 'palabre-numbered';

export async function exportDocx(input: ExportInput): Promise<Buffer> {
	const subtitle = [input.workshopTitle, input.commune, input.dateLabel]
		.filter(Boolean)
		.join(' · ');
	const paragraphs: Paragraph[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(input.title)] }),
		new Paragraph({ children: [new TextRun({ text: subtitle, color: '555555', size: 18 })] }),
		...blockParagraphs(input.blocks)
	];

	const doc = new Document({
		creator: 'Palabre',
		title: input.title,
		numbering: DOCX_NUMBERING,
		sections: [{ children: paragraphs }]
	});
	return Packer.toBuffer(doc);
}

/** The numbering definitions `blockParagraphs` refers to: pass them to every Document using it. */
export const DOCX_NUMBERING = {
	config: [
		{
			reference: NUMBERED,
			levels: [0, 1, 2, 3, 4, 5].map((level) => ({
				level,
				format: LevelFormat.DECIMAL,
				text: `%${level + 1}.`,
				alignment: AlignmentType.START,
				style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } }
			}))
		}
	]
};

/** The block tree as Word paragraphs (also used by the workshop report for charter texts). */
export function blockParagraphs(blocks: Block[]): Paragraph[] {
	// Each numbered list restarts at its own start: one numbering instance per list.
	let instance = 0;
	const paragraphs: Paragraph[] = [];
	const walk = (blocks: Block[], depth: number) => {
		for (const block of blocks) {
			switch (block.type) {
				case 'heading':
					paragraphs.push(
						new Paragraph({ heading: HEADINGS[block.level], children: runs(block.content) })
					);
					break;
				case 'paragraph':
					paragraphs.push(new Paragraph({ children: runs(block.content) }));
					break;
				case 'bulletList':
				case 'orderedList': {
					const list = block.type === 'orderedList' ? ++instance : 0;
					for (const item of block.items) {
						item.forEach((child, i) => {
							if (i === 0 && (child.type === 'paragraph' || child.type === 'heading')) {
								paragraphs.push(
									new Paragraph({
										children: runs(child.content),
										...(list
											? { numbering: { reference: NUMBERED, level: depth, instance: list } }
											: { bullet: { level: depth } })
									})
								);
							} else walk([child], depth + 1);
						});
					}
					break;
				}
				case 'blockquote':
					walk(block.children, depth);
					break;
				case 'codeBlock':
					paragraphs.push(
						new Paragraph({ children: [new TextRun({ text: block.text, font: 'Courier New' })] })
					);
					break;
				case 'horizontalRule':
					paragraphs.push(new Paragraph({ thematicBreak: true, children: [] }));
					break;
			}
		}
	};
	walk(blocks, 0);
	return paragraphs;
}

function runs(content: Inline[]): ParagraphChild[] {
	return content.map((part) => {
		if ('hardBreak' in part) return new TextRun({ text: '', break: 1 });
		const { marks } = part;
		const run = new TextRun({
			text: part.text,
			bold: marks.bold,
			italics: marks.italic,
			strike: marks.strike,
			underline: marks.underline || marks.link ? {} : undefined,
			font: marks.code ? 'Courier New' : undefined,
			color: marks.link ? '1D4ED8' : undefined
		});
		return marks.link ? new ExternalHyperlink({ link: marks.link, children: [run] }) : run;
	});
}
