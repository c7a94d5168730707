// What clients read of a charter: articles in order with their server status, and
// amendments with their diff against the live text. A proposed amendment whose passage changed
// since is `stale`, computed here at read time from its anchor (nothing stored goes out of date).
import type * as Y from 'yjs';
import type { AmendmentRow, CharterArticleRow } from '../db/schema';
import type { AmendmentListRow } from '../repositories/charter';
import { amendmentDiff, applyAmendmentToText, type AmendmentKind } from '../../domain/charter';
import type { DiffPart } from '../../domain/word-diff';
import {
	amendedBodyText,
	amendmentFreshness,
	anchoredText,
	articleBodyText,
	type AmendmentSpec,
	type DocArticle
} from '../charter/article-doc';

export interface ArticleView {
	articleId: string;
	role: 'preamble' | 'article';
	/** null for the préambule */
	number: number | null;
	title: string;
	status: string;
	text: string;
	/** Amendments not withdrawn. */
	amendments: number;
	adoptedAt: string | null;
	/** The poll deciding it now, or the one that adopted it (filled by the service). */
	pollId?: string | null;
}

export function articleView(
	article: DocArticle,
	row: CharterArticleRow | undefined,
	amendments: number
): ArticleView {
	return {
		articleId: article.articleId,
		role: article.role,
		number: article.number,
		title: article.title,
		status: row?.status ?? 'draft',
		text: article.text,
		amendments,
		adoptedAt: row?.adoptedAt?.toISOString() ?? null
	};
}

export function specOf(row: AmendmentRow): AmendmentSpec {
	return {
		articleId: row.articleId,
		kind: row.kind as AmendmentKind,
		passage: row.passage,
		text: row.text,
		anchor: row.anchor ?? null,
		baseBody: row.baseBody
	};
}

export interface AmendmentView {
	amendmentId: string;
	articleId: string;
	kind: string;
	passage: string | null;
	text: string | null;
	justification: string | null;
	/** The author's name, or null when proposed anonymously. */
	author: string | null;
	/** The caller wrote it (they may withdraw or update it), even when anonymous. */
	mine: boolean;
	supporters: number;
	supported: boolean;
	status: string;
	/** The article now against the article amended; for a decided one, against its text then. */
	diff: DiffPart[] | null;
	/** Stale: what the targeted passage reads now (null when it is gone). */
	currentPassage: string | null;
	pollId: string | null;
	createdAt: string;
	decidedAt: string | null;
}

/** The status a reader sees: a proposed amendment whose target changed is stale. */
export function liveStatus(doc: Y.Doc, row: AmendmentRow): string {
	if (row.status !== 'proposed') return row.status;
	return amendmentFreshness(doc, specOf(row)) === 'ok' ? 'proposed' : 'stale';
}

/** Article bodies as they read now, read once per request (a list holds many per article). */
export function bodyCache(doc: Y.Doc) {
	const bodies = new Map<string, string | null>();
	return (articleId: string) => {
		if (!bodies.has(articleId)) bodies.set(articleId, articleBodyText(doc, articleId));
		return bodies.get(articleId)!;
	};
}

export function amendmentView(
	doc: Y.Doc,
	row: AmendmentListRow,
	viewer: { memberId: string; supported: boolean },
	bodyOf: (articleId: string) => string | null = bodyCache(doc)
): AmendmentView {
	const spec = specOf(row);
	let status = row.status;
	let diff: DiffPart[] | null = null;
	let currentPassage: string | null = null;
	if (status === 'proposed' || status === 'voting') {
		// Null when the target changed since: a proposed amendment is then stale.
		const amended = amendedBodyText(doc, spec);
		const body = bodyOf(row.articleId);
		if (amended === null) {
			if (status === 'proposed') status = 'stale';
		} else if (body !== null) diff = amendmentDiff(body, amended);
	}
	if (diff === null) {
		// Decided or stale: what it meant against the text it was written for.
		const amended = applyAmendmentToText(row.baseBody, spec);
		if (amended !== null) diff = amendmentDiff(row.baseBody, amended);
	}
	if (status === 'stale' && spec.anchor) currentPassage = anchoredText(doc, spec.anchor);
	return {
		amendmentId: row.id,
		articleId: row.articleId,
		kind: row.kind,
		passage: row.passage,
		text: row.text,
		justification: row.justification,
		author: row.anonymous ? null : row.authorName,
		mine: row.authorMemberId === viewer.memberId,
		supporters: row.supporters,
		supported: viewer.supported,
		status,
		diff,
		currentPassage,
		pollId: row.pollId,
		createdAt: row.createdAt.toISOString(),
		decidedAt: row.decidedAt?.toISOString() ?? null
	};
}
