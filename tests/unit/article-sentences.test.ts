import { describe, expect, it } from 'vitest';
import {
	articleSentences,
	lineSentences,
	selectionPassage
} from '../../src/lib/domain/article-sentences';

describe('an article cut into tappable sentences', () => {
	it('cuts a line after each end mark and keeps each sentence an exact slice of its line', () => {
		const line =
			'Chaque citoyen participe. Il respecte les biens communs ! Pourquoi\u202f? Parce que.';
		const sentences = lineSentences(line);
		expect(sentences).toEqual([
			'Chaque citoyen participe.',
			'Il respecte les biens communs !',
			'Pourquoi\u202f?',
			'Parce que.'
		]);
		for (const s of sentences) expect(line.includes(s)).toBe(true);
	});

	it('keeps a line without an end mark whole, and closing quotes with their sentence', () => {
		expect(lineSentences('Entretenir les forages du quartier')).toEqual([
			'Entretenir les forages du quartier'
		]);
		expect(lineSentences('Il dit « oui. » Puis il part…')).toEqual([
			'Il dit « oui. »',
			'Puis il part…'
		]);
	});

	it('never lets a sentence cross a line, and numbers lines from 0 skipping nothing', () => {
		expect(articleSentences('Un. Deux.\n\nTrois')).toEqual([
			{ line: 0, text: 'Un.' },
			{ line: 0, text: 'Deux.' },
			{ line: 2, text: 'Trois' }
		]);
	});

	it('takes a selection inside one block as the passage, and refuses one across blocks', () => {
		expect(selectionPassage('  les biens communs ')).toBe('les biens communs');
		expect(selectionPassage('fin.\nDébut')).toBeNull();
		expect(selectionPassage('   ')).toBeNull();
	});
});
