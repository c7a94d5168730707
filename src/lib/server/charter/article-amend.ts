// Amendments anchored to a charter's live text: a passage is found inside ONE block
// of an article and held by Yjs relative positions (start on its first character, end on its
// last), so edits elsewhere do not move it; an amendment whose passage changed is stale. The
// server merges an adopted one in one transaction that records its id in 'charterApplied', so a
// retry after a crash or a second poll close changes nothing. Re-exported by article-doc.ts.
import * as Y from 'yjs';
import {
	applyAmendmentToText,
	applySplice,
	CHARTER_APPLIED_MAP,
	CHARTER_NODES,
	occurrences,
	spliceAmendment,
	type AmendmentKind
} from '../../domain/charter';
import type { Block } from '../documents/document-tree';
import { appendBlocks } from '../documents/document-writer';
import { SERVER_ORIGIN } from '../server-origin';
import { articleBodyText, bodyLines, bodyOf, findArticle, textRuns } from './article-text';

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

const encode = (rel: Y.RelativePosition) =>
	Buffer.from(Y.encodeRelativePosition(rel)).toString('base64');
const decode = (value: string) =>
	Y.decodeRelativePosition(new Uint8Array(Buffer.from(value, 'base64')));

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
