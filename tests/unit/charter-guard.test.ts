// The charter guard on real Y.Docs: a client's replica makes an edit, the update it would send is
// judged against the server's live doc. Also measures the guard's cost on a 40-article charter.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCharterGuard, judgeCharterUpdate } from '../../server/collab/charter-guard';
import {
	appendArticle,
	articleNodes,
	readArticles,
	setArticleStatus
} from '../../src/lib/server/charter/article-doc';
import { charterTemplateNodes } from '../../src/lib/server/documents/charter-template';
import { fragmentOf, type Block } from '../../src/lib/server/documents/document-tree';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text, marks: {} }] });

function live(): Y.Doc {
	const doc = new Y.Doc();
	fragmentOf(doc).insert(0, charterTemplateNodes());
	setArticleStatus(doc, readArticles(doc)[1].articleId, 'adopted');
	return doc;
}

/** The update a client replica of `server` sends after `edit`. */
function clientUpdate(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	edit(client);
	return Y.encodeStateAsUpdate(client, before);
}

const article = (doc: Y.Doc, k: number) => fragmentOf(doc).get(k) as Y.XmlElement;
/** The first text run of the article's first body block. */
const bodyRun = (doc: Y.Doc, k: number) =>
	(article(doc, k).get(1) as Y.XmlElement).get(0) as Y.XmlText;

describe('charter guard', () => {
	it('lets a client type into a draft article, add a draft article and delete a draft one', () => {
		const server = live();
		expect(
			judgeCharterUpdate(
				server,
				clientUpdate(server, (d) => bodyRun(d, 3).insert(0, 'Oui. '))
			)
		).toBeNull();
		expect(
			judgeCharterUpdate(
				server,
				clientUpdate(server, (d) =>
					fragmentOf(d).insert(5, [articleNodes({ role: 'article', title: 'Six', body: [p('x')] })])
				)
			)
		).toBeNull();
		expect(
			judgeCharterUpdate(
				server,
				clientUpdate(server, (d) => fragmentOf(d).delete(3, 1))
			)
		).toBeNull();
	});

	it('refuses writing into, formatting or deleting an adopted article', () => {
		const server = live();
		const refused = [
			(d: Y.Doc) => bodyRun(d, 1).insert(3, 'x'),
			(d: Y.Doc) => bodyRun(d, 1).format(0, 3, { bold: {} }),
			(d: Y.Doc) => ((article(d, 1).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'T'),
			(d: Y.Doc) => article(d, 1).insert(1, [new Y.XmlElement('paragraph')]),
			(d: Y.Doc) => fragmentOf(d).delete(1, 1),
			(d: Y.Doc) => fragmentOf(d).delete(0, 3),
			(d: Y.Doc) => article(d, 1).setAttribute('status', 'discussion')
		];
		for (const edit of refused)
			expect(judgeCharterUpdate(server, clientUpdate(server, edit))).toBe('locked');
	});

	it('refuses changing an article’s status, id or role, and forged new articles', () => {
		const server = live();
		const draftId = readArticles(server)[2].articleId;
		const rules = [
			(d: Y.Doc) => article(d, 2).setAttribute('status', 'adopted'),
			(d: Y.Doc) => article(d, 2).setAttribute('articleId', 'other'),
			(d: Y.Doc) => article(d, 2).setAttribute('role', 'preamble'),
			(d: Y.Doc) =>
				fragmentOf(d).insert(5, [
					articleNodes({ role: 'article', title: 'A', body: [], status: 'adopted' })
				]),
			(d: Y.Doc) =>
				fragmentOf(d).insert(5, [
					articleNodes({ role: 'article', title: 'A', body: [], articleId: draftId })
				]),
			(d: Y.Doc) =>
				fragmentOf(d).insert(5, [articleNodes({ role: 'preamble', title: 'A', body: [] })]),
			(d: Y.Doc) => d.getMap('charterApplied').set('amendment-1', true)
		];
		for (const edit of rules)
			expect(judgeCharterUpdate(server, clientUpdate(server, edit))).toBe('rules');
		expect(judgeCharterUpdate(server, new Uint8Array([1, 2, 3]))).toBe('rules');
	});

	it('refuses an update that builds on one the server never got', () => {
		const server = live();
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		bodyRun(client, 3).insert(0, 'a');
		const sv = Y.encodeStateVector(client);
		bodyRun(client, 3).insert(1, 'b');
		expect(judgeCharterUpdate(server, Y.encodeStateAsUpdate(client, sv))).toBe('rules');
	});

	it('judges the same with a kept replica, after a refusal and after an update the live doc dropped', () => {
		const server = live();
		const guard = createCharterGuard();
		const typed = clientUpdate(server, (d) => bodyRun(d, 3).insert(0, 'a'));
		expect(guard.judge(server, typed)).toBeNull();
		Y.applyUpdate(server, typed);
		const forged = clientUpdate(server, (d) => bodyRun(d, 1).insert(0, 'x'));
		expect(guard.judge(server, forged)).toBe('locked');
		// The refused edit is not held against the next honest one.
		const next = clientUpdate(server, (d) => bodyRun(d, 3).insert(0, 'b'));
		expect(guard.judge(server, next)).toBeNull();
		// Accepted by the guard, never applied (the session closed): a new article id stays free.
		const id = crypto.randomUUID();
		const created = clientUpdate(server, (d) =>
			fragmentOf(d).insert(5, [
				articleNodes({ role: 'article', title: 'N', body: [], articleId: id })
			])
		);
		expect(guard.judge(server, created)).toBeNull();
		const again = clientUpdate(server, (d) =>
			fragmentOf(d).insert(5, [
				articleNodes({ role: 'article', title: 'M', body: [], articleId: id })
			])
		);
		expect(guard.judge(server, again)).toBeNull();
		// The server's own writes reach the replica: an article adopted now is locked at once.
		Y.applyUpdate(server, again);
		setArticleStatus(server, readArticles(server)[3].articleId, 'adopted');
		expect(
			guard.judge(
				server,
				clientUpdate(server, (d) => bodyRun(d, 3).insert(0, 'c'))
			)
		).toBe('locked');
	});

	it('costs a fraction of a millisecond per typed character on a 40-article charter', () => {
		const server = new Y.Doc();
		const fragment = fragmentOf(server);
		fragment.insert(0, [
			articleNodes({ role: 'preamble', title: 'Préambule', body: [p('Nous, habitants.')] })
		]);
		for (let i = 1; i <= 40; i++)
			appendArticle(server, {
				title: `Article numéro ${i}`,
				body: [
					p(
						`Premier alinéa de l’article ${i}, assez long pour peser comme un vrai texte de charte communale.`
					),
					p('Second alinéa.')
				]
			});
		for (const a of readArticles(server).slice(1, 6))
			setArticleStatus(server, a.articleId, 'adopted');
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const updates: Uint8Array[] = [];
		client.on('update', (u: Uint8Array) => updates.push(u));
		const run = bodyRun(client, 30);
		for (let i = 0; i < 400; i++) run.insert(i, 'x');
		const measure = (judge: (u: Uint8Array) => unknown, from: number, to: number) => {
			const times: number[] = [];
			for (const u of updates.slice(from, to)) {
				const t = performance.now();
				const verdict = judge(u);
				times.push(performance.now() - t);
				expect(verdict).toBeNull();
				Y.applyUpdate(server, u);
			}
			times.sort((a, b) => a - b);
			return { median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)] };
		};
		const copy = measure((u) => judgeCharterUpdate(server, u), 0, 200);
		const guard = createCharterGuard();
		const kept = measure((u) => guard.judge(server, u), 200, 400);
		const bytes = Y.encodeStateAsUpdate(server).length;
		console.log(
			`[charter-guard] 40 articles, ${bytes} B: copy per update median ${copy.median.toFixed(3)} ms p95 ${copy.p95.toFixed(3)} ms; kept replica median ${kept.median.toFixed(3)} ms p95 ${kept.p95.toFixed(3)} ms`
		);
		expect(kept.median).toBeLessThan(copy.median);
		expect(kept.median).toBeLessThan(1);
	});
});
