// The charter's articles in real Y.Docs: numbering, passage anchoring that survives edits made
// elsewhere (also from a second doc synced by updates), stale detection, merging exactly once.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	amendedBodyText,
	amendmentFreshness,
	anchoredText,
	appendArticle,
	articleBodyText,
	articleNodes,
	keepingAdopted,
	locatePassage,
	mergeAmendment,
	moveArticle,
	readArticles,
	setArticleStatus,
	structureCharter,
	type AmendmentSpec,
	type Anchor
} from '../../src/lib/server/charter/article-doc';
import { bodyLines } from '../../src/lib/server/charter/article-text';
import {
	charterTemplate,
	charterTemplateNodes
} from '../../src/lib/server/documents/charter-template';
import {
	blocksToLines,
	fragmentOf,
	readBlocks,
	splitArticle,
	readChildren,
	type Block
} from '../../src/lib/server/documents/document-tree';
import { appendBlocks } from '../../src/lib/server/documents/document-writer';
import { applyAmendmentToText } from '../../src/lib/domain/charter';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text, marks: {} }] });
const h = (text: string): Block => ({ type: 'heading', level: 2, content: [{ text, marks: {} }] });

function templated(): Y.Doc {
	const doc = new Y.Doc();
	fragmentOf(doc).insert(0, charterTemplateNodes());
	return doc;
}

/** Exchanges what each doc lacks, as y-websocket peers do. */
function sync(a: Y.Doc, b: Y.Doc) {
	const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, toB);
	Y.applyUpdate(a, toA);
}

function replica(doc: Y.Doc): Y.Doc {
	const other = new Y.Doc();
	Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
	return other;
}

/** The first Y.XmlText of an article's body block `index` (a paragraph). */
function bodyText(doc: Y.Doc, articleId: string, index = 0): Y.XmlText {
	const el = fragmentOf(doc)
		.toArray()
		.find(
			(n) => n instanceof Y.XmlElement && n.getAttribute('articleId') === articleId
		) as Y.XmlElement;
	const body = splitArticle(el).slice(1) as Y.XmlElement[];
	return body[index].get(0) as Y.XmlText;
}

function spec(
	doc: Y.Doc,
	articleId: string,
	kind: AmendmentSpec['kind'],
	passage: string | null,
	text: string | null
): AmendmentSpec {
	const located = locatePassage(doc, articleId, passage ?? undefined, kind);
	if (!located.ok) throw new Error(located.reason);
	return {
		articleId,
		kind,
		passage,
		text,
		anchor: located.anchor,
		baseBody: articleBodyText(doc, articleId)!
	};
}

describe('charter articles in the Y.Doc', () => {
	it('reads the template as a préambule and four numbered draft articles', () => {
		const articles = readArticles(templated());
		expect(articles.map((a) => [a.role, a.number, a.title, a.status])).toEqual([
			['preamble', null, 'Préambule', 'draft'],
			['article', 1, 'Objet de la charte', 'draft'],
			['article', 2, 'Droits et devoirs des citoyens', 'draft'],
			['article', 3, 'Participation à la vie communale', 'draft'],
			['article', 4, 'Suivi et révision', 'draft']
		]);
		expect(new Set(articles.map((a) => a.articleId)).size).toBe(5);
		expect(articles[2].text.split('\n')).toHaveLength(3);
	});

	it('reads a structured charter for exports as headings "Article N — Title" and bodies', () => {
		const doc = templated();
		expect(readBlocks(fragmentOf(doc))).toEqual(charterTemplate());
		expect(blocksToLines(readBlocks(fragmentOf(doc)))[2]).toBe('Article 1 — Objet de la charte');
	});

	it('renumbers when an article is deleted, appended or moved', () => {
		const doc = templated();
		const before = readArticles(doc);
		fragmentOf(doc).delete(1, 1); // Article 1 goes
		expect(readArticles(doc).map((a) => [a.number, a.title])).toEqual([
			[null, 'Préambule'],
			[1, 'Droits et devoirs des citoyens'],
			[2, 'Participation à la vie communale'],
			[3, 'Suivi et révision']
		]);
		const id = appendArticle(doc, { title: 'Nouveau', body: [] });
		const after = readArticles(doc);
		expect(after.at(-1)).toMatchObject({ articleId: id, number: 4, title: 'Nouveau', text: '' });
		moveArticle(doc, id, 1);
		expect(readArticles(doc).map((a) => a.title)).toEqual([
			'Préambule',
			'Nouveau',
			'Droits et devoirs des citoyens',
			'Participation à la vie communale',
			'Suivi et révision'
		]);
		expect(readArticles(doc)[1].articleId).toBe(id);
		expect(readArticles(doc)[2].articleId).toBe(before[2].articleId);
	});

	it('writes the status mirror and finds a body by article id', () => {
		const doc = templated();
		const [, first] = readArticles(doc);
		setArticleStatus(doc, first.articleId, 'adopted');
		expect(readArticles(doc)[1].status).toBe('adopted');
		expect(articleBodyText(doc, first.articleId)).toBe(
			'La présente charte fixe les engagements communs des citoyens et de la commune.'
		);
		expect(articleBodyText(doc, 'nope')).toBeNull();
	});

	it('reads body lines from Y children exactly as the export tree does', () => {
		const doc = new Y.Doc();
		const el = articleNodes({
			role: 'article',
			title: 'T',
			body: [
				p('Un.'),
				{
					type: 'paragraph',
					content: [
						{ text: 'a', marks: { bold: true } },
						{ hardBreak: true },
						{ text: 'b', marks: {} }
					]
				},
				{ type: 'bulletList', start: 1, items: [[p('x')], [p('y'), p('z')]] },
				{ type: 'blockquote', children: [p('cité')] },
				{ type: 'horizontalRule' },
				{ type: 'paragraph', content: [] }
			]
		});
		fragmentOf(doc).insert(0, [el]);
		const body = splitArticle(fragmentOf(doc).get(0) as Y.XmlElement).slice(1) as Y.XmlElement[];
		expect(bodyLines(body)).toEqual(blocksToLines(readChildren(body)));
		expect(bodyLines(body)).toEqual(['Un.', 'a\nb', 'x', 'y', 'z', 'cité', '']);
	});

	it('locates a passage in one block, and says when it is missing, ambiguous or spans blocks', () => {
		const doc = new Y.Doc();
		const id = appendArticle(doc, {
			title: 'Eau',
			body: [p('Chaque quartier a une fontaine. Chaque école aussi.'), p('Une fontaine par rue.')]
		});
		const found = locatePassage(doc, id, 'Chaque école aussi.', 'replace');
		expect(found.ok).toBe(true);
		expect(anchoredText(doc, (found as { anchor: Anchor }).anchor)).toBe('Chaque école aussi.');
		expect(locatePassage(doc, id, 'une piscine', 'replace')).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(locatePassage(doc, id, 'fontaine', 'delete')).toEqual({
			ok: false,
			reason: 'ambiguous'
		});
		expect(locatePassage(doc, id, 'aussi. Une fontaine', 'replace')).toEqual({
			ok: false,
			reason: 'spans_blocks'
		});
		expect(locatePassage(doc, id, undefined, 'add')).toEqual({ ok: true, anchor: null });
		expect(locatePassage(doc, id, undefined, 'rewrite')).toEqual({ ok: true, anchor: null });
		expect(locatePassage(doc, 'other', 'Chaque', 'replace')).toEqual({
			ok: false,
			reason: 'not_found'
		});
	});

	it('keeps an anchor on its passage while others type around it, here and in a synced replica', () => {
		const doc = templated();
		const article = readArticles(doc)[4];
		const a = spec(doc, article.articleId, 'replace', 'chaque année', 'deux fois par an');
		const text = bodyText(doc, article.articleId);
		text.insert(0, 'Dès 2027, ');
		const other = replica(doc);
		// Concurrent edits in the replica: right before and right after the passage, and another article.
		bodyText(other, article.articleId).insert(
			'Dès 2027, Un comité de suivi rend compte '.length,
			'bien '
		);
		const otherText = bodyText(other, article.articleId);
		otherText.insert(otherText.toString().indexOf(' de l’application'), ' au moins');
		bodyText(doc, readArticles(doc)[1].articleId).insert(0, 'Ici : ');
		sync(doc, other);
		expect(articleBodyText(doc, article.articleId)).toBe(
			'Dès 2027, Un comité de suivi rend compte bien chaque année au moins de l’application de la charte.'
		);
		expect(anchoredText(doc, a.anchor!)).toBe('chaque année');
		expect(anchoredText(other, a.anchor!)).toBe('chaque année');
		expect(amendmentFreshness(doc, a)).toBe('ok');
		expect(amendedBodyText(doc, a)).toBe(
			'Dès 2027, Un comité de suivi rend compte bien deux fois par an au moins de l’application de la charte.'
		);
	});

	it('marks an amendment stale when its passage changed, and gone when its article was deleted', () => {
		const doc = templated();
		const article = readArticles(doc)[3];
		const a = spec(doc, article.articleId, 'replace', 'par trimestre', 'par mois');
		const rewrite = spec(doc, article.articleId, 'rewrite', null, 'Tout autre texte.');
		const add = spec(doc, article.articleId, 'add', null, 'Ajout.');
		expect(amendmentFreshness(doc, a)).toBe('ok');
		const other = replica(doc);
		const text = bodyText(other, article.articleId);
		text.delete(text.toString().indexOf('trimestre'), 3); // "par mestre"
		sync(doc, other);
		expect(anchoredText(doc, a.anchor!)).toBe('par mestre');
		expect(amendmentFreshness(doc, a)).toBe('stale');
		expect(amendedBodyText(doc, a)).toBeNull();
		expect(amendmentFreshness(doc, rewrite)).toBe('stale');
		expect(amendmentFreshness(doc, add)).toBe('ok');
		// The whole passage deleted: the anchor collapses.
		bodyText(doc, article.articleId).delete(0, bodyText(doc, article.articleId).length);
		expect(anchoredText(doc, a.anchor!)).toBe('');
		fragmentOf(doc).delete(3, 1);
		expect(amendmentFreshness(doc, a)).toBe('gone');
		expect(anchoredText(doc, a.anchor!)).toBeNull();
		expect(mergeAmendment(doc, 'x', a)).toBe('gone');
	});

	it('merges an amendment exactly once, keeping a concurrent edit elsewhere in the same article', () => {
		const doc = new Y.Doc();
		const id = appendArticle(doc, {
			title: 'Eau',
			body: [p('Chaque quartier a une fontaine. Chaque école aussi.'), p('Une borne par rue.')]
		});
		const a = spec(doc, id, 'replace', 'une fontaine', 'deux fontaines');
		const preview = applyAmendmentToText(a.baseBody, a);
		const typist = replica(doc);
		// While the vote runs, someone types elsewhere in the same article and the same block.
		bodyText(typist, id).insert(bodyText(typist, id).length, ' Et les marchés.');
		bodyText(typist, id, 1).insert(0, 'Au moins ');
		expect(mergeAmendment(doc, 'am-1', a)).toBe('applied');
		expect(articleBodyText(doc, id)).toBe(preview);
		sync(doc, typist);
		const expected =
			'Chaque quartier a deux fontaines. Chaque école aussi. Et les marchés.\nAu moins Une borne par rue.';
		expect(articleBodyText(doc, id)).toBe(expected);
		expect(articleBodyText(typist, id)).toBe(expected);
		// A retry (crash, second poll close) changes nothing, even from the replica.
		const state = Y.encodeStateAsUpdate(doc);
		expect(mergeAmendment(doc, 'am-1', a)).toBe('already');
		expect(mergeAmendment(typist, 'am-1', a)).toBe('already');
		expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
		// After the merge the passage is the new text: the same amendment is stale now.
		expect(amendmentFreshness(doc, a)).toBe('stale');
	});

	it('merges add, delete and rewrite as the plain-text preview says', () => {
		for (const [kind, passage, text] of [
			['add', 'Chaque école aussi.', 'Et chaque marché.'],
			['add', null, 'Ligne ajoutée.\nEt une autre.'],
			['delete', 'Chaque école aussi.', null],
			['rewrite', null, 'Tout est neuf.\nVraiment.']
		] as const) {
			const doc = new Y.Doc();
			const id = appendArticle(doc, {
				title: 'Eau',
				body: [p('Chaque quartier a une fontaine. Chaque école aussi.'), p('Une borne par rue.')]
			});
			const a = spec(doc, id, kind, passage, text);
			const preview = applyAmendmentToText(a.baseBody, a);
			expect(amendedBodyText(doc, a)).toBe(preview);
			expect(mergeAmendment(doc, `am-${kind}`, a)).toBe('applied');
			expect(articleBodyText(doc, id)).toBe(preview);
			expect(readArticles(doc)[0].title).toBe('Eau');
		}
	});

	it('leaves the text byte-identical when an amendment is not merged', () => {
		const doc = templated();
		const before = Y.encodeStateAsUpdate(doc);
		const article = readArticles(doc)[1];
		const a = spec(doc, article.articleId, 'replace', 'engagements communs', 'règles');
		expect(amendedBodyText(doc, a)).toContain('règles');
		expect(amendmentFreshness(doc, a)).toBe('ok');
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('restores a version without undoing an adopted article or the status mirror', () => {
		const doc = templated();
		const version = new Y.Doc();
		Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
		const [, first, second, third] = readArticles(doc);
		bodyText(doc, first.articleId).insert(0, 'Adopté : ');
		setArticleStatus(doc, first.articleId, 'adopted');
		setArticleStatus(doc, third.articleId, 'discussion');
		bodyText(doc, third.articleId).insert(0, 'Revu. ');
		const added = appendArticle(doc, { title: 'Nouveau', body: [p('Adopté plus tard.')] });
		setArticleStatus(doc, added, 'adopted');
		keepingAdopted(doc, () => {
			const content = fragmentOf(version)
				.toArray()
				.map((node) => node.clone() as Y.XmlElement);
			fragmentOf(doc).delete(0, fragmentOf(doc).length);
			fragmentOf(doc).insert(0, content);
		});
		const after = readArticles(doc);
		expect(after.map((a) => [a.articleId, a.status])).toEqual([
			[readArticles(version)[0].articleId, 'draft'],
			[first.articleId, 'adopted'],
			[second.articleId, 'draft'],
			[third.articleId, 'discussion'],
			[readArticles(version)[4].articleId, 'draft'],
			[added, 'adopted']
		]);
		expect(after[1].text.startsWith('Adopté : ')).toBe(true);
		expect(after[3].text.startsWith('Revu. ')).toBe(false);
		expect(after[5].text).toBe('Adopté plus tard.');
	});

	it('structures a free charter once: préambule, then one article per "Article N" heading', () => {
		const doc = new Y.Doc();
		appendBlocks(fragmentOf(doc), [
			h('Préambule'),
			p('Nous, habitants.'),
			h('Article 1 — Objet'),
			p('La charte fixe.'),
			{ type: 'paragraph', content: [{ text: 'gras', marks: { bold: true } }] },
			h('Article 2 : Suivi'),
			h('Article 3')
		]);
		expect(structureCharter(doc)).toBe(true);
		const articles = readArticles(doc);
		expect(articles.map((a) => [a.role, a.number, a.title, a.text])).toEqual([
			['preamble', null, 'Préambule', 'Nous, habitants.'],
			['article', 1, 'Objet', 'La charte fixe.\ngras'],
			['article', 2, 'Suivi', ''],
			['article', 3, '', '']
		]);
		expect(articles[1].blocks[1]).toEqual({
			type: 'paragraph',
			content: [{ text: 'gras', marks: { bold: true } }]
		});
		expect(fragmentOf(doc).length).toBe(4);
		expect(structureCharter(doc)).toBe(false);
	});
});
