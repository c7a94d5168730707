// The articles of a charter inside its Y.Doc: top-level <charterArticle> elements of
// the Tiptap fragment, each an <articleTitle> then block+ body. The article structure lives in the
// text so every Yjs client sees the same articles; numbers are computed from order, never stored.
// The charter service imports everything from here, amendments included (article-amend.ts).
import * as Y from 'yjs';
import {
	CHARTER_NODES,
	numberArticles,
	type AmendmentKind,
	type ArticleRole
} from '../../domain/charter';
import {
	blocksToLines,
	fragmentOf,
	readChildren,
	splitArticle,
	type Block
} from '../documents/document-tree';
import { blockElements } from '../documents/document-writer';
import { SERVER_ORIGIN } from '../server-origin';
import {
	articleBodyText,
	articleElements,
	findArticle,
	isArticle,
	type Child
} from './article-text';

export { articleBodyText };
export {
	amendedBodyText,
	amendmentFreshness,
	anchoredText,
	locatePassage,
	mergeAmendment,
	type AmendmentSpec,
	type Anchor,
	type LocateResult
} from './article-amend';

export type { AmendmentKind, ArticleRole };

export interface DocArticle {
	articleId: string;
	role: ArticleRole;
	number: number | null;
	title: string;
	/** The mirror attribute (truth: the charter_articles table). */
	status: string;
	/** Body as plain text, one line per block, '\n' joined. */
	text: string;
	blocks: Block[];
}

const roleOf = (el: Y.XmlElement): ArticleRole =>
	el.getAttribute('role') === 'preamble' ? 'preamble' : 'article';

export function readArticles(doc: Y.Doc): DocArticle[] {
	const elements = articleElements(doc);
	const numbers = numberArticles(elements.map(roleOf));
	return elements.map((el, i) => {
		const [title, ...body] = splitArticle(el);
		const blocks = readChildren(body);
		return {
			articleId: el.getAttribute('articleId') ?? '',
			role: roleOf(el),
			number: numbers[i],
			title,
			status: el.getAttribute('status') ?? 'draft',
			text: blocksToLines(blocks).join('\n'),
			blocks
		};
	});
}

const emptyParagraph = (): Block => ({ type: 'paragraph', content: [] });

export function articleNodes(input: {
	role: ArticleRole;
	title: string;
	body: Block[];
	articleId?: string;
	status?: string;
}): Y.XmlElement {
	const el = new Y.XmlElement(CHARTER_NODES.article);
	el.setAttribute('articleId', input.articleId ?? crypto.randomUUID());
	el.setAttribute('role', input.role);
	el.setAttribute('status', input.status ?? 'draft');
	const title = new Y.XmlElement(CHARTER_NODES.title);
	if (input.title !== '') title.insert(0, [new Y.XmlText(input.title)]);
	// Tiptap's content expression is 'articleTitle block+': an empty body would not parse, and
	// y-prosemirror deletes what does not parse. One insert: the element is not in a document yet,
	// and Yjs warns when its length is read before it is.
	el.insert(0, [title, ...blockElements(input.body.length > 0 ? input.body : [emptyParagraph()])]);
	return el;
}

export function appendArticle(doc: Y.Doc, input: { title: string; body: Block[] }): string {
	const articleId = crypto.randomUUID();
	doc.transact(() => {
		const fragment = fragmentOf(doc);
		fragment.insert(fragment.length, [articleNodes({ role: 'article', ...input, articleId })]);
	}, SERVER_ORIGIN);
	return articleId;
}

export function setArticleStatus(doc: Y.Doc, articleId: string, status: string): void {
	const el = findArticle(doc, articleId);
	if (!el) return;
	doc.transact(() => el.setAttribute('status', status), SERVER_ORIGIN);
}

const ARTICLE_HEADING = /^\s*article\s+\S+/i;
const AFTER_NUMBER = /^\s*article\s+[\w]+\s*(?:[—–:.-]\s*)?/i;
const PREAMBLE_HEADING = /^\s*pr[ée]ambule\s*$/i;

function headingText(child: Child): string | null {
	if (!(child instanceof Y.XmlElement) || child.nodeName !== 'heading') return null;
	return readChildren([child])
		.flatMap((b) => ('content' in b ? b.content : []))
		.map((part) => ('hardBreak' in part ? ' ' : part.text))
		.join('');
}

/**
 * Structures a free charter: the blocks before the first "Article N" heading become the préambule
 * (a leading "Préambule" heading becomes its title), each "Article N …" heading and the blocks up
 * to the next one an article titled with the words after its number. The blocks are copied with
 * their marks (Y clones), the old ones deleted, in one transaction. False when already structured.
 */
export function structureCharter(doc: Y.Doc): boolean {
	const fragment = fragmentOf(doc);
	const children = fragment.toArray() as Child[];
	if (children.some(isArticle)) return false;
	type Part = { role: ArticleRole; title: string; body: Child[] };
	const parts: Part[] = [];
	let current: Part | null = null;
	for (const child of children) {
		const heading = headingText(child);
		if (heading !== null && ARTICLE_HEADING.test(heading)) {
			current = { role: 'article', title: heading.replace(AFTER_NUMBER, '').trim(), body: [] };
			parts.push(current);
		} else if (!current) {
			current = { role: 'preamble', title: 'Préambule', body: [] };
			parts.push(current);
			if (heading !== null && PREAMBLE_HEADING.test(heading)) current.title = heading.trim();
			else current.body.push(child);
		} else current.body.push(child);
	}
	// A text with no "Article N" heading at all: one article holding it, rather than a préambule only.
	if (parts.length === 1 && parts[0].role === 'preamble') {
		parts[0] = { role: 'article', title: '', body: parts[0].body };
	}
	if (parts.length === 0) parts.push({ role: 'article', title: '', body: [] });
	doc.transact(() => {
		const elements = parts.map((part) => {
			const el = articleNodes({ role: part.role, title: part.title, body: [] });
			// articleNodes put one empty paragraph: replace it by the clones when there are any.
			const clones = part.body.map((child) => child.clone() as Child);
			if (clones.length > 0) {
				el.delete(1, 1);
				el.insert(1, clones as Array<Y.XmlElement | Y.XmlText>);
			}
			return el;
		});
		fragment.delete(0, fragment.length);
		fragment.insert(0, elements);
	}, SERVER_ORIGIN);
	return true;
}

/**
 * Moves an article to `toIndex` among the articles (préambule included). Yjs cannot move a
 * subtree: the article is cloned and the old one deleted, so amendments anchored in it go stale.
 */
export function moveArticle(doc: Y.Doc, articleId: string, toIndex: number): void {
	const elements = articleElements(doc);
	const from = elements.findIndex((el) => el.getAttribute('articleId') === articleId);
	if (from === -1) return;
	const target = Math.max(0, Math.min(toIndex, elements.length - 1));
	if (target === from) return;
	const fragment = fragmentOf(doc);
	const children = fragment.toArray();
	doc.transact(() => {
		const el = elements[from];
		const copy = el.clone();
		fragment.delete(children.indexOf(el), 1);
		const after = fragment.toArray();
		const others = elements.filter((_, i) => i !== from);
		const position =
			target >= others.length
				? after.indexOf(others[others.length - 1]) + 1
				: after.indexOf(others[target]);
		fragment.insert(position, [copy]);
	}, SERVER_ORIGIN);
}

/**
 * Runs `replace` (a version restore rewriting the whole fragment) without undoing what the vote
 * decided: restored articles get their current status mirror back, an adopted article keeps its
 * adopted text (a copy of it replaces the restored one, or comes back at the end if the version
 * predates it). The caller runs it inside its own server transaction.
 */
export function keepingAdopted(doc: Y.Doc, replace: () => void): void {
	const statuses = new Map<string, string>();
	const adopted = new Map<string, Y.XmlElement>();
	for (const el of articleElements(doc)) {
		const id = el.getAttribute('articleId') ?? '';
		statuses.set(id, el.getAttribute('status') ?? 'draft');
		if (el.getAttribute('status') === 'adopted') adopted.set(id, el.clone());
	}
	replace();
	if (statuses.size === 0) return;
	const fragment = fragmentOf(doc);
	const seen = new Set<string>();
	fragment.toArray().forEach((node, index) => {
		if (!isArticle(node)) return;
		const id = node.getAttribute('articleId') ?? '';
		seen.add(id);
		const kept = adopted.get(id);
		if (kept) {
			fragment.delete(index, 1);
			fragment.insert(index, [kept]);
		} else {
			const status = statuses.get(id);
			if (status && status !== node.getAttribute('status')) node.setAttribute('status', status);
		}
	});
	const missing = [...adopted].filter(([id]) => !seen.has(id)).map(([, el]) => el);
	if (missing.length > 0) fragment.insert(fragment.length, missing);
}
