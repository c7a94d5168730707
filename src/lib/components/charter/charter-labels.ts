// Catalog lookups for the charter's article and amendment vocabulary, so components never spell a
// status or kind. Direct message references (never `m[key]`): an indexed lookup would pull every
// message of every area into the page's bundle.
import { m } from '$lib/paraglide/messages';
import type {
	AmendmentKindName,
	AmendmentStatusName,
	ArticleStatusName,
	ArticleView
} from '$lib/protocol/charter-view';

type Tone = 'neutral' | 'success' | 'info' | 'warn' | 'danger';

const ARTICLE_STATUS = {
	draft: [m.articles_status_draft, 'neutral'],
	discussion: [m.articles_status_discussion, 'info'],
	voting: [m.articles_status_voting, 'warn'],
	adopted: [m.articles_status_adopted, 'success'],
	rejected: [m.articles_status_rejected, 'danger'],
	withdrawn: [m.articles_status_withdrawn, 'neutral']
} satisfies Record<ArticleStatusName, [() => string, Tone]>;

const AMENDMENT_STATUS = {
	proposed: [m.articles_amendment_status_proposed, 'info'],
	voting: [m.articles_amendment_status_voting, 'warn'],
	adopted: [m.articles_amendment_status_adopted, 'success'],
	rejected: [m.articles_amendment_status_rejected, 'danger'],
	withdrawn: [m.articles_amendment_status_withdrawn, 'neutral'],
	stale: [m.articles_amendment_status_stale, 'warn']
} satisfies Record<AmendmentStatusName, [() => string, Tone]>;

/** What the proposer picks: a verb. */
export const kindChoice = {
	replace: m.articles_kind_replace,
	add: m.articles_kind_add,
	delete: m.articles_kind_delete,
	rewrite: m.articles_kind_rewrite
} satisfies Record<AmendmentKindName, () => string>;

/** What a listed amendment is: a noun. */
export const kindDone = {
	replace: m.articles_kind_done_replace,
	add: m.articles_kind_done_add,
	delete: m.articles_kind_done_delete,
	rewrite: m.articles_kind_done_rewrite
} satisfies Record<AmendmentKindName, () => string>;

export function articleStatus(status: string): { label: string; tone: Tone } {
	const found = ARTICLE_STATUS[status as ArticleStatusName];
	return found ? { label: found[0](), tone: found[1] } : { label: status, tone: 'neutral' };
}

export function amendmentStatus(status: string): { label: string; tone: Tone } {
	const found = AMENDMENT_STATUS[status as AmendmentStatusName];
	return found ? { label: found[0](), tone: found[1] } : { label: status, tone: 'neutral' };
}

/** « Article 3 » or « Préambule ». */
export const articleLabel = (article: Pick<ArticleView, 'number'>) =>
	article.number === null ? m.articles_preamble() : m.articles_number({ number: article.number });

/** « Article 3 — Droits et devoirs », or the label alone when the title is empty. */
export function articleHeading(article: Pick<ArticleView, 'number' | 'title'>): string {
	const label = articleLabel(article);
	return articleTitle(article) ? m.articles_heading({ label, title: article.title }) : label;
}

/** The title beside the label, or '' when it would only repeat it (« Préambule — Préambule »). */
export function articleTitle(article: Pick<ArticleView, 'number' | 'title'>): string {
	const title = article.title.trim();
	return title.toLocaleLowerCase() === articleLabel(article).toLocaleLowerCase() ? '' : title;
}

export const supportCount = (supporters: number | string[]) =>
	typeof supporters === 'number' ? supporters : supporters.length;
