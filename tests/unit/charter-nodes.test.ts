// The editor's article nodes without a browser: the schema reads a templated charter from Yjs
// as y-prosemirror does (nothing dropped), adopted articles refuse local edits, and a pasted copy
// of an article gets its own id and the draft status.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { Slice } from '@tiptap/pm/model';
import {
	prosemirrorToYXmlFragment,
	yXmlFragmentToProseMirrorRootNode,
	ySyncPluginKey
} from '@tiptap/y-tiptap';
import {
	ArticleTitle,
	CharterArticle,
	adoptedLock,
	freshArticleIds
} from '../../src/lib/client/charter-nodes';
import { charterTemplateNodes } from '../../src/lib/server/documents/charter-template';
import { fragmentOf } from '../../src/lib/server/documents/document-tree';
import { readArticles, setArticleStatus } from '../../src/lib/server/charter/article-doc';

const schema = getSchema([StarterKit.configure({ undoRedo: false }), CharterArticle, ArticleTitle]);

function templated() {
	const doc = new Y.Doc();
	fragmentOf(doc).insert(0, charterTemplateNodes());
	return doc;
}

function stateOf(ydoc: Y.Doc) {
	return EditorState.create({
		doc: yXmlFragmentToProseMirrorRootNode(fragmentOf(ydoc), schema),
		plugins: [adoptedLock(), freshArticleIds()]
	});
}

/** Position inside the body paragraph of the k-th top-level article. */
function insideBody(state: EditorState, k: number): number {
	let found = -1;
	state.doc.forEach((node, pos, index) => {
		if (index === k) found = pos + 1 + node.child(0).nodeSize + 1;
	});
	return found;
}

describe('charter nodes in the editor', () => {
	it('parse a server-made charter from Yjs and write it back with the same attributes', () => {
		const ydoc = templated();
		const pm = yXmlFragmentToProseMirrorRootNode(fragmentOf(ydoc), schema);
		pm.check();
		expect(pm.childCount).toBe(5);
		expect(pm.child(1).type.name).toBe('charterArticle');
		expect(pm.child(1).child(0).textContent).toBe('Objet de la charte');
		const copy = new Y.Doc();
		prosemirrorToYXmlFragment(pm, fragmentOf(copy));
		expect(readArticles(copy)).toEqual(readArticles(ydoc));
	});

	it('refuses typing into an adopted article, allows it in a draft one and from Yjs', () => {
		const ydoc = templated();
		setArticleStatus(ydoc, readArticles(ydoc)[1].articleId, 'adopted');
		const state = stateOf(ydoc);
		const locked = state.apply(state.tr.insertText('x', insideBody(state, 1)));
		expect(locked.doc.eq(state.doc)).toBe(true);
		const draft = state.apply(state.tr.insertText('x', insideBody(state, 2)));
		expect(draft.doc.eq(state.doc)).toBe(false);
		const remote = state.apply(
			state.tr
				.insertText('x', insideBody(state, 1))
				.setMeta(ySyncPluginKey, { isChangeOrigin: true })
		);
		expect(remote.doc.eq(state.doc)).toBe(false);
		// Deleting the whole adopted article is refused too; inserting right before it is not.
		let start = 0;
		let size = 0;
		state.doc.forEach((node, pos, index) => {
			if (index === 1) [start, size] = [pos, node.nodeSize];
		});
		expect(state.apply(state.tr.delete(start, start + size)).doc.eq(state.doc)).toBe(true);
		const before = state.apply(state.tr.insert(start, schema.nodes.paragraph.create()));
		expect(before.doc.eq(state.doc)).toBe(false);
	});

	it('gives a pasted copy of an article a fresh id and the draft status', () => {
		const ydoc = templated();
		setArticleStatus(ydoc, readArticles(ydoc)[1].articleId, 'adopted');
		const state = stateOf(ydoc);
		const original = state.doc.child(1);
		const end = state.doc.content.size;
		const tr = state.tr.setSelection(TextSelection.create(state.doc, end - 2));
		const result = state.applyTransaction(tr.insert(end, original));
		const doc = result.state.doc;
		expect(doc.childCount).toBe(6);
		expect(doc.child(1).attrs).toEqual(original.attrs);
		expect(doc.child(5).attrs.articleId).not.toBe(original.attrs.articleId);
		expect(doc.child(5).attrs.articleId).toMatch(/^[0-9a-f-]{36}$/);
		expect(doc.child(5).attrs.status).toBe('draft');
		expect(doc.child(5).attrs.role).toBe('article');
		// A second préambule becomes an article.
		const again = result.state.applyTransaction(
			result.state.tr.replace(
				doc.content.size,
				doc.content.size,
				new Slice(doc.slice(0, doc.child(0).nodeSize).content, 0, 0)
			)
		);
		expect(again.state.doc.lastChild!.attrs.role).toBe('article');
	});

	it('inserts a new draft article after the one holding the caret, caret in its title', () => {
		const state = stateOf(templated());
		const commands = (
			CharterArticle.config.addCommands as unknown as () => Record<
				string,
				() => (props: { state: EditorState; tr: Transaction; dispatch: unknown }) => boolean
			>
		)();
		const tr = state.tr.setSelection(TextSelection.create(state.doc, insideBody(state, 2)));
		const start = state.apply(tr);
		const next = start.tr;
		expect(commands.insertCharterArticle()({ state: start, tr: next, dispatch: () => {} })).toBe(
			true
		);
		const after = start.apply(next);
		expect(after.doc.childCount).toBe(6);
		expect(after.doc.child(3).attrs).toMatchObject({ role: 'article', status: 'draft' });
		expect(after.doc.child(3).attrs.articleId).toMatch(/^[0-9a-f-]{36}$/);
		expect(after.selection.$from.parent.type.name).toBe('articleTitle');
	});

	it('draws each article with its id, role and status as data attributes (the page finds it by id)', () => {
		const ydoc = templated();
		const state = stateOf(ydoc);
		const article = state.doc.child(1);
		const dom = schema.nodes.charterArticle.spec.toDOM!(article) as [
			string,
			Record<string, string>
		];
		expect(dom[0]).toBe('section');
		expect(dom[1]).toMatchObject({
			'data-article-id': readArticles(ydoc)[1].articleId,
			'data-role': 'article',
			'data-status': 'draft'
		});
		expect(dom[1]['data-article-id']).not.toBe('');
	});
});
