// The charter's article nodes in Tiptap. Registered in EVERY editor, whatever the
// document kind: y-prosemirror deletes the Y elements its schema cannot parse, so an editor
// without them would erase a structured charter. The article number (in the title: « Article 3 —
// Objet ») and the status badge (in the margin) are decorations, computed from order, never stored; adopted articles refuse local edits here, and
// the server's guard (server/collab/charter-guard.ts) drops them anyway.
import { mergeAttributes, Node } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import {
	Plugin,
	PluginKey,
	TextSelection,
	type EditorState,
	type Transaction
} from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { m } from '$lib/paraglide/messages';
import { CHARTER_NODES, isArticleStatus, type ArticleStatus } from '$lib/domain/charter';
import './charter-nodes.css';

const STATUS_LABELS: Record<ArticleStatus, () => string> = {
	draft: m.collab_charter_status_draft,
	discussion: m.collab_charter_status_discussion,
	voting: m.collab_charter_status_voting,
	adopted: m.collab_charter_status_adopted,
	rejected: m.collab_charter_status_rejected,
	withdrawn: m.collab_charter_status_withdrawn
};

/** A string attribute stored as `data-<name>` in HTML (copy/paste) and as is in the Y element. */
const stringAttr = (key: string, html: string, fallback: string) => ({
	default: fallback,
	parseHTML: (el: HTMLElement) => el.getAttribute(`data-${html}`) ?? fallback,
	renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${html}`]: String(attrs[key] ?? '') })
});

declare module '@tiptap/core' {
	interface Commands<ReturnType> {
		charterArticle: {
			/** A new draft article after the one holding the caret (or at the end), caret in its title. */
			insertCharterArticle: () => ReturnType;
		};
	}
}

export const ArticleTitle = Node.create({
	name: CHARTER_NODES.title,
	content: 'text*',
	marks: '',
	defining: true,
	parseHTML: () => [{ tag: 'h2[data-article-title]', priority: 100 }],
	renderHTML: ({ HTMLAttributes }) => [
		'h2',
		mergeAttributes(HTMLAttributes, { 'data-article-title': '', class: 'charter-article-title' }),
		0
	]
});

export const CharterArticle = Node.create({
	name: CHARTER_NODES.article,
	group: 'block',
	content: `${CHARTER_NODES.title} block+`,
	isolating: true,
	defining: true,
	addAttributes: () => ({
		articleId: stringAttr('articleId', 'article-id', ''),
		role: stringAttr('role', 'role', 'article'),
		status: stringAttr('status', 'status', 'draft')
	}),
	parseHTML: () => [{ tag: 'section[data-charter-article]', priority: 100 }],
	renderHTML: ({ HTMLAttributes }) => [
		'section',
		mergeAttributes(HTMLAttributes, { 'data-charter-article': '', class: 'charter-article' }),
		0
	],
	addCommands: () => ({
		insertCharterArticle:
			() =>
			({ state, tr, dispatch }) => {
				const { schema, selection, doc } = state;
				const at = selection.$from.depth >= 1 ? selection.$from.after(1) : doc.content.size;
				const article = schema.nodes[CHARTER_NODES.article].create(
					{ articleId: crypto.randomUUID(), role: 'article', status: 'draft' },
					[schema.nodes[CHARTER_NODES.title].create(), schema.nodes.paragraph.create()]
				);
				if (dispatch) {
					tr.insert(at, article);
					tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView();
				}
				return true;
			}
	}),
	addProseMirrorPlugins: () => [articleMargin(), adoptedLock(), freshArticleIds()]
});

interface TopArticle {
	node: PmNode;
	pos: number;
}

function topArticles(doc: PmNode): TopArticle[] {
	const out: TopArticle[] = [];
	doc.forEach((node, pos) => {
		if (node.type.name === CHARTER_NODES.article) out.push({ node, pos });
	});
	return out;
}

// ——— « Article 3 — » in the title, the status badge in the margin ———

/** The number, inside the title so the heading reads « Article 3 — Objet » (as exports print it). */
function numberLabel(text: string): HTMLElement {
	const label = document.createElement('span');
	label.className = 'charter-number';
	label.contentEditable = 'false';
	label.textContent = text;
	return label;
}

function statusBadge(status: string): HTMLElement {
	const box = document.createElement('span');
	box.className = 'charter-margin';
	box.contentEditable = 'false';
	const known = isArticleStatus(status) ? status : 'draft';
	const badge = document.createElement('span');
	badge.className = `charter-status charter-status-${known}`;
	badge.textContent = STATUS_LABELS[known]();
	box.append(badge);
	return box;
}

function marginDecorations(doc: PmNode): DecorationSet {
	const decorations: Decoration[] = [];
	let number = 0;
	for (const { node, pos } of topArticles(doc)) {
		const role = String(node.attrs.role);
		const status = String(node.attrs.status);
		const untitled = node.firstChild?.content.size === 0;
		const id = String(node.attrs.articleId);
		const article = role === 'preamble' ? null : m.collab_charter_article({ number: ++number });
		const label =
			article === null
				? untitled
					? m.collab_charter_preamble()
					: null
				: untitled
					? article
					: `${article} — `;
		if (label !== null) {
			const text = label;
			// Inside the title (pos + 2), before the caret: typing at the title's start goes after it.
			decorations.push(
				Decoration.widget(pos + 2, () => numberLabel(text), {
					side: -1,
					ignoreSelection: true,
					key: `n|${id}|${text}`
				})
			);
		}
		if (role !== 'preamble') {
			decorations.push(
				Decoration.widget(pos + 1, () => statusBadge(status), {
					side: -1,
					ignoreSelection: true,
					key: `s|${id}|${status}`
				})
			);
		}
		decorations.push(
			Decoration.node(pos, pos + node.nodeSize, {
				class: `charter-article-${status}`,
				...(status === 'adopted'
					? { contenteditable: 'false', title: m.collab_charter_locked_hint() }
					: {})
			})
		);
	}
	return DecorationSet.create(doc, decorations);
}

function articleMargin(): Plugin {
	return new Plugin({
		key: new PluginKey('charterMargin'),
		state: {
			init: (_config, state) => marginDecorations(state.doc),
			apply: (tr, set) => (tr.docChanged ? marginDecorations(tr.doc) : set)
		},
		props: {
			decorations(state) {
				return this.getState(state);
			}
		}
	});
}

// ——— Adopted articles are read-only ———

/** Changes from the Y.Doc (another client, the server, Yjs undo) are the shared truth: never filtered. */
const fromYjs = (tr: Transaction) => tr.getMeta(ySyncPluginKey) !== undefined;
/** Our own fix-up of a pasted article (fresh id, draft): it may rewrite a pasted adopted copy. */
const FRESH_IDS = new PluginKey('charterFreshIds');

function touchesAdopted(tr: Transaction): boolean {
	return tr.steps.some((step, i) => {
		const adopted = topArticles(tr.docs[i])
			.filter(({ node }) => node.attrs.status === 'adopted')
			.map(({ node, pos }) => [pos, pos + node.nodeSize] as const);
		if (adopted.length === 0) return false;
		let touched = false;
		step.getMap().forEach((from, to) => {
			for (const [start, end] of adopted) {
				// An insertion right before or after the article leaves it alone.
				if (from === to ? from > start && from < end : from < end && to > start) touched = true;
			}
		});
		// Steps without a map (attributes, marks on a node) still must not reach an adopted article.
		const at = (step as unknown as { pos?: number }).pos;
		if (typeof at === 'number')
			for (const [start, end] of adopted) if (at >= start && at < end) touched = true;
		return touched;
	});
}

export function adoptedLock(): Plugin {
	return new Plugin({
		key: new PluginKey('charterAdoptedLock'),
		filterTransaction: (tr) =>
			!tr.docChanged || fromYjs(tr) || tr.getMeta(FRESH_IDS) === true || !touchesAdopted(tr)
	});
}

// ——— Pasted or duplicated articles get their own identity ———

export function freshArticleIds(): Plugin {
	return new Plugin({
		key: FRESH_IDS,
		appendTransaction(transactions, oldState: EditorState, newState: EditorState) {
			const local = transactions.filter((tr) => tr.docChanged && !fromYjs(tr));
			if (local.length === 0) return null;
			// Articles that were there before, where they are now: those keep their identity.
			const kept = new Set<number>();
			for (const { pos } of topArticles(oldState.doc)) {
				let mapped: number | null = pos;
				for (const tr of transactions) {
					const result = tr.mapping.mapResult(mapped, 1);
					mapped = result.deleted ? null : result.pos;
					if (mapped === null) break;
				}
				if (mapped !== null) kept.add(mapped);
			}
			const articles = topArticles(newState.doc);
			const seen = new Set<string>();
			let preamble = false;
			for (const { node, pos } of articles) {
				if (!kept.has(pos)) continue;
				seen.add(String(node.attrs.articleId));
				if (node.attrs.role === 'preamble') preamble = true;
			}
			let tr: Transaction | null = null;
			for (const { node, pos } of articles) {
				if (kept.has(pos)) continue;
				const id = String(node.attrs.articleId);
				const attrs = { ...node.attrs };
				if (id === '' || seen.has(id)) attrs.articleId = crypto.randomUUID();
				// A new article is a draft, and there is one préambule at most (the server refuses more).
				attrs.status = 'draft';
				if (attrs.role === 'preamble' && preamble) attrs.role = 'article';
				if (attrs.role === 'preamble') preamble = true;
				seen.add(String(attrs.articleId));
				if (Object.keys(attrs).some((key) => attrs[key] !== node.attrs[key]))
					tr = (tr ?? newState.tr).setNodeMarkup(pos, undefined, attrs);
			}
			return tr?.setMeta(FRESH_IDS, true) ?? null;
		}
	});
}
