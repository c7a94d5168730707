// A short text becomes a new draft article at the end of a live charter: what the idea wall's
// cards and the opinion map's consensus statements do when a facilitator « reprend » them.
import type * as Y from 'yjs';
import { appendBlocks } from '../documents/document-writer';
import { fragmentOf, plainText, readBlocks, type Block } from '../documents/document-tree';
import { appendArticle, readArticles } from './article-doc';

const ARTICLE = /^article\s+(\d+)/i;

/** "Article N" for the next article: one more than the highest numbered heading. */
export function nextArticleNumber(blocks: readonly Block[]): number {
	let highest = 0;
	for (const block of blocks) {
		if (block.type !== 'heading') continue;
		const match = ARTICLE.exec(plainText(block.content).trim());
		if (match) highest = Math.max(highest, Number(match[1]));
	}
	return highest + 1;
}

/**
 * Appends `text` as an article. A charter in articles (or an empty one) gets a new draft article
 * the room can amend and vote (`articleId` set); a free charter of old keeps its "Article N"
 * headings (`articleId` null). `ref` is « Article N » either way.
 */
export function appendArticleText(
	doc: Y.Doc,
	text: string
): { articleId: string | null; ref: string } {
	const fragment = fragmentOf(doc);
	const body: Block[] = [{ type: 'paragraph', content: [{ text, marks: {} }] }];
	if (readArticles(doc).length > 0 || fragment.length === 0) {
		const articleId = appendArticle(doc, { title: '', body });
		const number = readArticles(doc).find((a) => a.articleId === articleId)?.number;
		return { articleId, ref: `Article ${number}` };
	}
	const ref = `Article ${nextArticleNumber(readBlocks(fragment))}`;
	appendBlocks(fragment, [
		{ type: 'heading', level: 2, content: [{ text: ref, marks: {} }] },
		...body
	]);
	return { articleId: null, ref };
}
