import { describe, expect, it } from 'vitest';
import {
	applyAmendmentToText,
	amendmentDiff,
	articleHeading,
	articleTransition,
	numberArticles,
	spliceAmendment
} from '../../src/lib/domain/charter';

describe('charter domain', () => {
	it('numbers articles by order, the préambule without a number', () => {
		expect(numberArticles(['preamble', 'article', 'article', 'article'])).toEqual([null, 1, 2, 3]);
		expect(numberArticles(['article', 'article'])).toEqual([1, 2]);
		// Deleting the first article renumbers the rest.
		expect(numberArticles(['preamble', 'article'])).toEqual([null, 1]);
	});

	it('names an article’s heading from its number and title', () => {
		expect(articleHeading(3, 'Participation')).toBe('Article 3 — Participation');
		expect(articleHeading(2, '  ')).toBe('Article 2');
		expect(articleHeading(null, '')).toBe('Préambule');
		expect(articleHeading(null, 'Préambule')).toBe('Préambule');
	});

	it('lets a facilitator move statuses freely, audits adoption by hand, reopens only to discussion', () => {
		expect(articleTransition('draft', 'discussion')).toEqual({ ok: true, audited: false });
		expect(articleTransition('discussion', 'withdrawn')).toEqual({ ok: true, audited: false });
		expect(articleTransition('discussion', 'adopted')).toEqual({ ok: true, audited: true });
		expect(articleTransition('draft', 'rejected')).toEqual({ ok: true, audited: true });
		expect(articleTransition('adopted', 'discussion')).toEqual({ ok: true, audited: true });
		expect(articleTransition('adopted', 'draft')).toEqual({ ok: false, reason: 'locked' });
		expect(articleTransition('draft', 'voting')).toEqual({ ok: false, reason: 'vote_only' });
		expect(articleTransition('draft', 'draft')).toEqual({ ok: false, reason: 'same' });
	});

	it('splices a passage: replace, add after with one space, delete without a double space', () => {
		const line = 'Un comité rend compte chaque année.';
		const at = line.indexOf('chaque année');
		const end = at + 'chaque année'.length;
		expect(spliceAmendment(line, at, end, { kind: 'replace', text: 'deux fois par an' })).toEqual({
			from: at,
			to: end,
			insert: 'deux fois par an'
		});
		expect(spliceAmendment(line, at, end, { kind: 'add', text: 'en public' }).insert).toBe(
			' en public'
		);
		const gone = spliceAmendment(line, at, end, { kind: 'delete', text: null });
		expect(line.slice(0, gone.from) + line.slice(gone.to)).toBe('Un comité rend compte.');
		const first = spliceAmendment(line, 0, 3, { kind: 'delete', text: null });
		expect(line.slice(0, first.from) + line.slice(first.to)).toBe(
			'comité rend compte chaque année.'
		);
	});

	it('previews an amendment on plain text, refusing a passage found twice or across lines', () => {
		const body = 'Première phrase. Deuxième phrase.\nTroisième ligne.';
		expect(
			applyAmendmentToText(body, { kind: 'replace', passage: 'Deuxième', text: 'Seconde' })
		).toBe('Première phrase. Seconde phrase.\nTroisième ligne.');
		expect(applyAmendmentToText(body, { kind: 'add', passage: null, text: 'Nouvelle.' })).toBe(
			`${body}\nNouvelle.`
		);
		expect(
			applyAmendmentToText(body, { kind: 'add', passage: 'Troisième ligne.', text: 'Suite.' })
		).toBe('Première phrase. Deuxième phrase.\nTroisième ligne. Suite.');
		expect(
			applyAmendmentToText(body, { kind: 'delete', passage: 'Deuxième phrase.', text: null })
		).toBe('Première phrase.\nTroisième ligne.');
		expect(applyAmendmentToText(body, { kind: 'rewrite', passage: null, text: 'Tout neuf.' })).toBe(
			'Tout neuf.'
		);
		expect(
			applyAmendmentToText(body, { kind: 'replace', passage: 'phrase', text: 'x' })
		).toBeNull();
		expect(
			applyAmendmentToText(body, { kind: 'replace', passage: 'absent', text: 'x' })
		).toBeNull();
		expect(
			applyAmendmentToText(body, { kind: 'replace', passage: 'phrase.\nTroisième', text: 'x' })
		).toBeNull();
	});

	it('diffs the body against the amended body word by word', () => {
		expect(amendmentDiff('une concertation par an', 'deux concertations par an')).toEqual([
			{ op: 'removed', text: 'une concertation' },
			{ op: 'added', text: 'deux concertations' },
			{ op: 'equal', text: ' par an' }
		]);
	});
});
