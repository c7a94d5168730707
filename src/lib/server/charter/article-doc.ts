// The articles of a charter inside its Y.Doc (issue #13): top-level <charterArticle> elements of
// the Tiptap fragment, each an <articleTitle> then block+ body. The article structure lives in the
// text so every Yjs client sees the same articles; numbers are computed from order, never stored.
// Amendments are anchored to the live text by Yjs relative positions, so edits elsewhere do not
// move them, and merged by the server in one transaction recorded in 'charterApplied' (once).
import * as Y from 'yjs';
import {
	applyAmendmentToText,
	applySplice,
	CHARTER_APPLIED_MAP,
	CHARTER_NODES,
	numberArticles,
	occurrences,
	spliceAmendment,
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
import { appendBlocks } from '../documents/document-writer';
import { SERVER_ORIGIN } from '../server-origin';
import { bodyLines, textRuns } from './article-text';

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

export interface Anchor {
	/** base64 of Y.encodeRelativePosition */
	start: string;
	end: string;
	blockPath?: number[];
}

export type LocateResult =
	| { ok: true; anchor: Anchor | null }
	| { ok: false; reason: 'not_found' | 'ambiguous' | 'spans_blocks' };

export interface AmendmentSpec {
	articleId: string;
	kind: AmendmentKind;
	passage: string | null;
	text: string | null;
	anchor: Anchor | null;
	/** The article body text when proposed (rewrite and stale checks). */
	baseBody: string;
}

type Child = Y.XmlElement | Y.XmlText | Y.XmlHook;

const isArticle = (node: unknown): node is Y.XmlElement =>
	node instanceof Y.XmlElement && node.nodeName === CHARTER_NODES.article;

function articleElements(doc: Y.Doc): Y.XmlElement[] {
	return fragmentOf(doc).toArray().filter(isArticle);
}

function findArticle(doc: Y.Doc, articleId: string): Y.XmlElement | null {
	return articleElements(doc).find((el) => el.getAttribute('articleId') === articleId) ?? null;
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

export function articleBodyText(doc: Y.Doc, articleId: string): string | null {
	const el = findArticle(doc, articleId);
	if (!el) return null;
	const [, ...body] = splitArticle(el);
	return blocksToLines(readChildren(body)).join('\n');
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
	el.insert(0, [title]);
	// Tiptap's content expression is 'articleTitle block+': an empty body would not parse, and
	// y-prosemirror deletes what does not parse.
	appendBlocks(el, input.body.length > 0 ? input.body : [emptyParagraph()]);
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

// ——— Amendments ———

const encode = (rel: Y.RelativePosition) =>
	Buffer.from(Y.encodeRelativePosition(rel)).toString('base64');
const decode = (value: string) =>
	Y.decodeRelativePosition(new Uint8Array(Buffer.from(value, 'base64')));

function bodyOf(article: Y.XmlElement): Child[] {
	return splitArticle(article).slice(1) as Child[];
}

export function locatePassage(
	doc: Y.Doc,
	articleId: string,
	passage: string | undefined,
	kind: AmendmentKind
): LocateResult {
	const article = findArticle(doc, articleId);
	if (!article) return { ok: false, reason: 'not_found' };
	if (kind === 'rewrite' || (kind === 'add' && !passage)) return { ok: true, anchor: null };
	if (!passage) return { ok: false, reason: 'not_found' };
	const body = bodyOf(article);
	const hits = textRuns(body).flatMap((run) =>
		occurrences(run.value, passage).map((index) => ({ run, index }))
	);
	if (hits.length > 1) return { ok: false, reason: 'ambiguous' };
	if (hits.length === 0) {
		const whole = bodyLines(body).join('\n');
		const loose = (s: string) => s.replace(/\s+/g, ' ').trim();
		return {
			ok: false,
			reason: loose(whole).includes(loose(passage)) ? 'spans_blocks' : 'not_found'
		};
	}
	const [{ run, index }] = hits;
	// Start sticks to the passage's first character, end to its last (assoc -1): text typed just
	// before or just after the passage stays outside it.
	const start = Y.createRelativePositionFromTypeIndex(run.text, index, 0);
	const end = Y.createRelativePositionFromTypeIndex(run.text, index + passage.length, -1);
	return { ok: true, anchor: { start: encode(start), end: encode(end), blockPath: run.path } };
}

interface Resolved {
	text: Y.XmlText;
	start: number;
	end: number;
}

/** What the ancestor walks need of a Yjs type: its item (null for a root type). */
interface Nested {
	_item: { parent: unknown; deleted: boolean } | null;
}

/** False when the type or any ancestor was deleted (its article, its paragraph). */
function isLive(type: Nested): boolean {
	for (let t: Nested | null = type; t?._item; t = t._item.parent as Nested)
		if (t._item.deleted) return false;
	return true;
}

function resolveAnchor(doc: Y.Doc, anchor: Anchor): Resolved | null {
	try {
		const start = Y.createAbsolutePositionFromRelativePosition(decode(anchor.start), doc);
		const end = Y.createAbsolutePositionFromRelativePosition(decode(anchor.end), doc);
		if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText))
			return null;
		if (!isLive(start.type)) return null;
		return { text: start.type, start: start.index, end: Math.max(start.index, end.index) };
	} catch {
		return null; // not a relative position of ours
	}
}

const runText = (text: Y.XmlText): string =>
	(text.toDelta() as Array<{ insert?: unknown }>)
		.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
		.join('');

export function anchoredText(doc: Y.Doc, anchor: Anchor): string | null {
	const resolved = resolveAnchor(doc, anchor);
	return resolved ? runText(resolved.text).slice(resolved.start, resolved.end) : null;
}

function within(type: Nested, ancestor: Y.XmlElement): boolean {
	for (let t: Nested | null = type; t; t = (t._item?.parent as Nested | undefined) ?? null)
		if ((t as unknown) === ancestor) return true;
	return false;
}

type Fresh = { state: 'ok'; article: Y.XmlElement; range: Resolved | null };

function check(doc: Y.Doc, a: AmendmentSpec): Fresh | { state: 'stale' | 'gone' } {
	const article = findArticle(doc, a.articleId);
	if (!article) return { state: 'gone' };
	if (a.kind === 'rewrite') {
		return articleBodyText(doc, a.articleId) === a.baseBody
			? { state: 'ok', article, range: null }
			: { state: 'stale' };
	}
	if (a.kind === 'add' && !a.passage) return { state: 'ok', article, range: null };
	if (!a.anchor) return { state: 'stale' };
	const range = resolveAnchor(doc, a.anchor);
	if (!range || !within(range.text, article)) return { state: 'stale' };
	if (runText(range.text).slice(range.start, range.end) !== a.passage) return { state: 'stale' };
	return { state: 'ok', article, range };
}

export function amendmentFreshness(doc: Y.Doc, a: AmendmentSpec): 'ok' | 'stale' | 'gone' {
	return check(doc, a).state;
}

export function amendedBodyText(doc: Y.Doc, a: AmendmentSpec): string | null {
	const fresh = check(doc, a);
	if (fresh.state !== 'ok') return null;
	const body = bodyOf(fresh.article);
	if (!fresh.range) return applyAmendmentToText(bodyLines(body).join('\n'), a);
	const { text, start, end } = fresh.range;
	const value = runText(text);
	const amended = applySplice(value, spliceAmendment(value, start, end, a));
	return bodyLines(body, (run) => (run === text ? amended : null)).join('\n');
}

const paragraphs = (text: string): Block[] =>
	text.split('\n').map((line) => ({
		type: 'paragraph',
		content: line === '' ? [] : [{ text: line, marks: {} }]
	}));

export function mergeAmendment(
	doc: Y.Doc,
	amendmentId: string,
	a: AmendmentSpec
): 'applied' | 'already' | 'stale' | 'gone' {
	const applied = doc.getMap(CHARTER_APPLIED_MAP);
	if (applied.has(amendmentId)) return 'already';
	const fresh = check(doc, a);
	if (fresh.state !== 'ok') return fresh.state;
	const { article, range } = fresh;
	doc.transact(() => {
		if (range) {
			const value = runText(range.text);
			const splice = spliceAmendment(value, range.start, range.end, a);
			if (splice.to > splice.from) range.text.delete(splice.from, splice.to - splice.from);
			if (splice.insert !== '') range.text.insert(splice.from, splice.insert);
		} else if (a.kind === 'rewrite') {
			// Keep the title, replace the whole body.
			const children = article.toArray();
			for (let i = children.length - 1; i >= 0; i--) {
				const child = children[i];
				if (!(child instanceof Y.XmlElement && child.nodeName === CHARTER_NODES.title))
					article.delete(i, 1);
			}
			appendBlocks(article, paragraphs(a.text ?? ''));
		} else {
			appendBlocks(article, paragraphs(a.text ?? ''));
		}
		applied.set(amendmentId, { at: new Date().toISOString(), kind: a.kind });
	}, SERVER_ORIGIN);
	return 'applied';
}
