// The block tree every export and every reader of a document's text shares: headings, paragraphs,
// lists, quotes, code, rules, with formatted runs. Plain data, so that domain code (the
// consolidated charter) and pages can carry text without importing the server's Y.Doc reader.

export interface Marks {
	bold?: boolean;
	italic?: boolean;
	strike?: boolean;
	code?: boolean;
	underline?: boolean;
	/** Only http(s) and mailto links survive: anything else is kept as plain text. */
	link?: string;
}

export type Inline = { text: string; marks: Marks } | { hardBreak: true };

export type Block =
	| { type: 'heading'; level: number; content: Inline[] }
	| { type: 'paragraph'; content: Inline[] }
	| { type: 'bulletList' | 'orderedList'; start: number; items: Block[][] }
	| { type: 'blockquote'; children: Block[] }
	| { type: 'codeBlock'; text: string }
	| { type: 'horizontalRule' };
