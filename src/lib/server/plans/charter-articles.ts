// The articles of a charter, as the facilitator picks one to become an action. A charter in
// articles (<charterArticle> nodes) gives its numbered articles with their whole body;
// a free charter gives each heading that starts with "Article N" and the blocks up to the next
// heading. Works on the block tree of any charter text, or on its Y.Doc.
import type * as Y from 'yjs';
import { articleHeading } from '../../domain/charter';
import { readArticles } from '../charter/article-doc';
import {
	blocksToLines,
	fragmentOf,
	plainText,
	readBlocks,
	type Block
} from '../documents/document-tree';

export interface CharterArticle {
	/** Position among the charter's articles (0-based): what the API names. */
	index: number;
	heading: string;
	/** The article's text, one line per paragraph or list item. */
	text: string;
}

const ARTICLE_HEADING = /^\s*article\s+\S+/i;
/** "Article 3 — Participation…", "Article 3 : …", "Article 3. …" → "Participation…". */
const AFTER_NUMBER = /^\s*article\s+[\w]+\s*(?:[—–:.-]\s*)?/i;

const bodyText = (blocks: readonly Block[]) =>
	blocksToLines([...blocks])
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.join('\n');

/** The articles of a live charter: its article nodes when it has any (préambule left out). */
export function charterArticlesOfDoc(doc: Y.Doc): CharterArticle[] {
	const structured = readArticles(doc).filter((a) => a.role === 'article');
	if (structured.length === 0) return charterArticles(readBlocks(fragmentOf(doc)));
	return structured.map((a, index) => ({
		index,
		heading: articleHeading(a.number, a.title),
		text: bodyText(a.blocks)
	}));
}

export function charterArticles(blocks: readonly Block[]): CharterArticle[] {
	const articles: CharterArticle[] = [];
	let current: { heading: string; body: Block[] } | null = null;
	const flush = () => {
		if (!current) return;
		const text = bodyText(current.body);
		articles.push({ index: articles.length, heading: current.heading, text });
	};
	for (const block of blocks) {
		if (block.type === 'heading') {
			flush();
			const heading = plainText(block.content).trim();
			current = ARTICLE_HEADING.test(heading) ? { heading, body: [] } : null;
		} else if (current) {
			current.body.push(block);
		}
	}
	flush();
	return articles;
}

/** An action's title from its article: the heading's words after "Article N", else the first line. */
export function actionTitleOf(article: CharterArticle): string {
	const named = article.heading.replace(AFTER_NUMBER, '').trim();
	const title = named || article.text.split('\n')[0] || article.heading;
	return title.slice(0, 200);
}
