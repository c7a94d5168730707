// What the charter page reads from the charter API (docs/api.md): the articles, their
// amendments and the charter's settings, as JSON. Fields marked optional are ones the page uses
// when the server sends them (the contract lets the API add fields, never rename them).
import type { DiffPart } from '../domain/word-diff';

// The names are the domain's (src/lib/domain/charter.ts): one list, so the page and the server
// cannot disagree on a status or a kind.
import type { AmendmentKind, AmendmentStatus, ArticleStatus } from '../domain/charter';
export {
	ARTICLE_STATUSES as ARTICLE_STATUS_NAMES,
	AMENDMENT_KINDS as AMENDMENT_KIND_NAMES
} from '../domain/charter';
export type ArticleStatusName = ArticleStatus;
export type AmendmentKindName = AmendmentKind;
export type AmendmentStatusName = AmendmentStatus;

/** `GET /api/documents/:id/articles`, one per article in order (`number` null for the préambule). */
export interface ArticleView {
	articleId: string;
	number: number | null;
	title: string;
	status: ArticleStatusName | (string & {});
	text: string;
	amendments: number;
	/** The open or last poll on the article itself, when the server says. */
	pollId?: string | null;
}

/** `GET /api/documents/:id/amendments?articleId=`. */
export interface AmendmentView {
	amendmentId: string;
	articleId: string;
	kind: AmendmentKindName;
	passage: string | null;
	text: string | null;
	justification: string | null;
	/** The author's name; null when proposed anonymously. */
	author: string | null;
	/** How many support it (or who, when the server lists them). */
	supporters: number | string[];
	status: AmendmentStatusName | (string & {});
	/** The article's current text against the amended one, word by word; null when stale. */
	diff: DiffPart[] | null;
	/** Stale: what the targeted passage reads now (null when it is gone). */
	currentPassage?: string | null;
	/** Whether the caller supports it / wrote it (the server knows; anonymity hides it from others). */
	supported?: boolean;
	mine?: boolean;
	pollId?: string | null;
}

export type CharterMajority = 'simple' | 'two_thirds';

/** `GET|PUT /api/documents/:id/charter-settings`. */
export interface CharterSettingsView {
	majority: CharterMajority;
	quorum: number | null;
	allowAnonymous: boolean;
	publishedAt?: string | null;
}

/** `POST …/amendments` body. */
export interface AmendmentProposal {
	kind: AmendmentKindName;
	passage?: string;
	text?: string;
	justification?: string;
	anonymous?: boolean;
}
