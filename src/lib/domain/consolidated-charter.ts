// The consolidated charter (issue 13): the adopted articles only, renumbered, each with its vote and
// co-authors, the préambule, and the table of decided amendments. One plain shape for the JSON API,
// the public page, the PDF/DOCX/HTML writers and the procès-verbal.
import type { Block } from '../server/documents/document-tree';

export interface ConsolidatedCharter {
	documentId: string;
	workshopTitle: string;
	title: string;
	publishedAt: string | null;
	language: 'fr' | 'en';
	preamble: { title: string; text: string; blocks: Block[] } | null;
	articles: {
		number: number;
		articleId: string;
		title: string;
		text: string;
		blocks: Block[];
		adoptedAt: string;
		votes: { for: number; against: number; abstain: number };
		coAuthors: string[];
	}[];
	amendments: {
		amendmentId: string;
		articleNumber: number | null;
		articleTitle: string;
		kind: string;
		author: string | null;
		status: 'adopted' | 'rejected' | 'withdrawn';
		votes: { for: number; against: number; abstain: number } | null;
		decidedAt: string | null;
	}[];
}
