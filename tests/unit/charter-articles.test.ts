import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	actionTitleOf,
	charterArticles,
	charterArticlesOfDoc
} from '../../src/lib/server/plans/charter-articles';
import { charterTemplateNodes } from '../../src/lib/server/documents/charter-template';
import { appendArticle } from '../../src/lib/server/charter/article-doc';
import { fragmentOf } from '../../src/lib/server/documents/document-tree';
import { charterTemplate } from '../../src/lib/server/documents/charter-template';
import type { Block } from '../../src/lib/server/documents/document-tree';

const h = (text: string, level = 2): Block => ({
	type: 'heading',
	level,
	content: [{ text, marks: {} }]
});
const p = (text: string): Block => ({ type: 'paragraph', content: [{ text, marks: {} }] });

describe('charter articles', () => {
	it('finds the template’s four articles with their text, and skips the preamble', () => {
		const articles = charterArticles(charterTemplate());
		expect(articles.map((a) => a.index)).toEqual([0, 1, 2, 3]);
		expect(articles[0]).toEqual({
			index: 0,
			heading: 'Article 1 — Objet de la charte',
			text: 'La présente charte fixe les engagements communs des citoyens et de la commune.'
		});
		expect(articles[1].text.split('\n')).toHaveLength(3);
	});

	it('stops an article at any heading, and ends the text at the next article', () => {
		const articles = charterArticles([
			h('Article 1 : Eau potable'),
			p('Chaque quartier a une borne-fontaine.'),
			p(''),
			h('Annexe'),
			p('Pas un article.'),
			h('ARTICLE 2'),
			p('Les marchés sont nettoyés chaque semaine.')
		]);
		expect(articles).toEqual([
			{
				index: 0,
				heading: 'Article 1 : Eau potable',
				text: 'Chaque quartier a une borne-fontaine.'
			},
			{ index: 1, heading: 'ARTICLE 2', text: 'Les marchés sont nettoyés chaque semaine.' }
		]);
	});

	it('titles an action from the heading’s words, else from the first line', () => {
		expect(actionTitleOf({ index: 0, heading: 'Article 3 — Participation', text: 'x' })).toBe(
			'Participation'
		);
		expect(actionTitleOf({ index: 0, heading: 'Article 4. Suivi', text: 'x' })).toBe('Suivi');
		expect(
			actionTitleOf({
				index: 0,
				heading: 'Article 5',
				text: 'Nettoyer les marchés.\nChaque semaine.'
			})
		).toBe('Nettoyer les marchés.');
		expect(actionTitleOf({ index: 0, heading: 'Article 6', text: '' })).toBe('Article 6');
	});

	it('reads a charter in articles from its Y.Doc, a heading inside a body included', () => {
		const doc = new Y.Doc();
		fragmentOf(doc).insert(0, charterTemplateNodes());
		appendArticle(doc, { title: 'Eau', body: [h('Puits', 3), p('Un puits par quartier.')] });
		const articles = charterArticlesOfDoc(doc);
		expect(articles.map((a) => a.heading)).toEqual([
			'Article 1 — Objet de la charte',
			'Article 2 — Droits et devoirs des citoyens',
			'Article 3 — Participation à la vie communale',
			'Article 4 — Suivi et révision',
			'Article 5 — Eau'
		]);
		expect(articles[4]).toEqual({
			index: 4,
			heading: 'Article 5 — Eau',
			text: 'Puits\nUn puits par quartier.'
		});
		expect(actionTitleOf(articles[4])).toBe('Eau');
		// The same as the block reading of a free charter for the template.
		expect(articles.slice(0, 4)).toEqual(charterArticles(charterTemplate()));
	});
});
