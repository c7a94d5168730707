// A charter voted article by article: the statuses of articles and amendments, which
// status changes a facilitator may make by hand, how articles are numbered, and what an amendment
// does to a text. Pure: the Y.Doc side (src/lib/server/charter/article-doc.ts) splices the live
// text with the same `spliceAmendment`, so the preview and the merge cannot disagree.
import { diffWords, type DiffPart } from './word-diff';

export const ARTICLE_ROLES = ['preamble', 'article'] as const;
export type ArticleRole = (typeof ARTICLE_ROLES)[number];

export const ARTICLE_STATUSES = [
	'draft',
	'discussion',
	'voting',
	'adopted',
	'rejected',
	'withdrawn'
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const AMENDMENT_KINDS = ['replace', 'add', 'delete', 'rewrite'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

export const AMENDMENT_STATUSES = [
	'proposed',
	'voting',
	'adopted',
	'rejected',
	'withdrawn',
	'stale'
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** Node names in the Tiptap fragment (src/lib/client/charter-nodes.ts renders them). */
export const CHARTER_NODES = { article: 'charterArticle', title: 'articleTitle' } as const;
/** The Y.Map where each merged amendment id is recorded in the merge's own transaction. */
export const CHARTER_APPLIED_MAP = 'charterApplied';

export function isArticleStatus(value: unknown): value is ArticleStatus {
	return (ARTICLE_STATUSES as readonly unknown[]).includes(value);
}

/** An article whose text nobody may change (the server's /collab guard drops such writes). */
export const isLockedStatus = (status: string): boolean => status === 'adopted';

/** Statuses a facilitator sets freely; the others come from votes or are audited. */
const FREE_STATUSES: readonly ArticleStatus[] = ['draft', 'discussion', 'withdrawn'];

export type StatusTransition =
	{ ok: true; audited: boolean } | { ok: false; reason: 'same' | 'locked' | 'vote_only' };

/**
 * What a facilitator may do by hand. `voting` belongs to the vote (a poll opens it); adopting or
 * rejecting without a vote is allowed but audited; an adopted article only reopens to
 * `discussion` (audited), so a locked text is never silently unlocked into another state.
 */
export function articleTransition(from: string, to: ArticleStatus): StatusTransition {
	if (from === to) return { ok: false, reason: 'same' };
	if (to === 'voting') return { ok: false, reason: 'vote_only' };
	if (from === 'adopted') {
		return to === 'discussion' ? { ok: true, audited: true } : { ok: false, reason: 'locked' };
	}
	if (FREE_STATUSES.includes(to)) return { ok: true, audited: false };
	return { ok: true, audited: true };
}

/** The k-th `article` is number k; the préambule (and only it) has none. */
export function numberArticles(roles: readonly string[]): (number | null)[] {
	let next = 0;
	return roles.map((role) => (role === 'preamble' ? null : ++next));
}

/** The heading an export shows for an article (document content: French, like the template). */
export function articleHeading(number: number | null, title: string): string {
	const clean = title.trim();
	if (number === null) return clean || 'Préambule';
	return clean ? `Article ${number} — ${clean}` : `Article ${number}`;
}

export interface AmendmentEdit {
	kind: AmendmentKind;
	/** The new text (replace, add, rewrite); ignored for delete. */
	text: string | null;
}

export interface Splice {
	/** Replace [from, to) of the original by `insert`. */
	from: number;
	to: number;
	insert: string;
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/**
 * How an amendment changes ONE run of text whose passage is [start, end): the same rule for the
 * plain-text preview and for the live Y.XmlText. `add` goes after the passage, separated by a
 * space when neither side has one; `delete` also takes the space before the passage when a
 * space or a closing mark follows ("a b c" minus "b" is "a c", "a b." minus "b" is "a.").
 */
export function spliceAmendment(
	line: string,
	start: number,
	end: number,
	edit: AmendmentEdit
): Splice {
	// One run of text has no line breaks: a new line would read as a space in the editor anyway.
	const text = (edit.text ?? '').replace(/\s*\n\s*/g, ' ');
	switch (edit.kind) {
		case 'add': {
			const gap = text !== '' && !isSpace(line[end - 1]) && !isSpace(text[0]) ? ' ' : '';
			return { from: end, to: end, insert: gap + text };
		}
		case 'delete': {
			const closes = end === line.length || isSpace(line[end]) || /^[.,)…]/.test(line[end]);
			if (isSpace(line[start - 1]) && closes) return { from: start - 1, to: end, insert: '' };
			if (start === 0 && isSpace(line[end])) return { from: start, to: end + 1, insert: '' };
			return { from: start, to: end, insert: '' };
		}
		default:
			return { from: start, to: end, insert: text };
	}
}

export const applySplice = (line: string, s: Splice): string =>
	line.slice(0, s.from) + s.insert + line.slice(s.to);

/** Every start index of `needle` in `haystack` (overlaps included). */
export function occurrences(haystack: string, needle: string): number[] {
	const found: number[] = [];
	if (needle === '') return found;
	for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1))
		found.push(i);
	return found;
}

export interface TextAmendment extends AmendmentEdit {
	passage: string | null;
}

/**
 * The article body (one line per block, '\n' joined) as it would read after the amendment; null
 * when the passage is not in it exactly once, or lies across two lines (the live merge works
 * inside one block). `add` without a passage appends a new line, as the merge appends a paragraph.
 */
export function applyAmendmentToText(body: string, a: TextAmendment): string | null {
	if (a.kind === 'rewrite') return a.text ?? '';
	if (a.kind === 'add' && !a.passage) {
		const text = a.text ?? '';
		return body === '' ? text : `${body}\n${text}`;
	}
	const passage = a.passage ?? '';
	if (passage === '' || passage.includes('\n')) return null;
	const lines = body.split('\n');
	const hits = lines.flatMap((line, index) =>
		occurrences(line, passage).map((start) => ({ index, start }))
	);
	if (hits.length !== 1) return null;
	const [{ index, start }] = hits;
	lines[index] = applySplice(
		lines[index],
		spliceAmendment(lines[index], start, start + passage.length, a)
	);
	return lines.join('\n');
}

/** The word diff shown under an amendment: the body now against the body amended. */
export function amendmentDiff(body: string, amended: string): DiffPart[] {
	return diffWords(body, amended);
}
