// The articles of a charter, as the facilitator picks one to become an action: a heading that
// starts with "Article N" (the charter template's shape, src/lib/server/documents/charter-template.ts)
// and the blocks up to the next heading. Pure: works on the block tree of any charter text.
import { blocksToLines, plainText, type Block } from '../documents/document-tree';

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

export function charterArticles(blocks: readonly Block[]): CharterArticle[] {
	const articles: CharterArticle[] = [];
	let current: { heading: string; body: Block[] } | null = null;
	const flush = () => {
		if (!current) return;
		const text = blocksToLines(current.body)
			.map((line) => line.trim())
			.filter((line) => line !== '')
			.join('\n');
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
