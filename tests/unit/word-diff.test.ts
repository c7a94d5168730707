import { describe, expect, it } from 'vitest';
import { diffWords } from '../../src/lib/domain/word-diff';

/** mulberry32: a failing seed can be replayed. */
function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const rebuild = (parts: ReturnType<typeof diffWords>, side: 'before' | 'after') =>
	parts
		.filter((p) => p.op === 'equal' || p.op === (side === 'before' ? 'removed' : 'added'))
		.map((p) => p.text)
		.join('');

describe('word diff between two versions', () => {
	it('marks a replaced word as removed then added, and keeps the rest equal', () => {
		expect(
			diffWords('La commune organise une concertation', 'La commune organise deux concertations')
		).toEqual([
			{ op: 'equal', text: 'La commune organise ' },
			{ op: 'removed', text: 'une concertation' },
			{ op: 'added', text: 'deux concertations' }
		]);
	});

	it('reports an added line and a removed paragraph', () => {
		const parts = diffWords('Article 1\nTexte ancien\nFin', 'Article 1\nFin\nArticle 2');
		expect(parts.filter((p) => p.op === 'removed').map((p) => p.text.trim())).toContain(
			'Texte ancien'
		);
		expect(
			parts
				.filter((p) => p.op === 'added')
				.map((p) => p.text)
				.join('')
		).toContain('Article 2');
	});

	it('always rebuilds both texts from its parts (seeded random texts)', () => {
		const random = seededRandom(42);
		const words = ['le', 'la', 'commune', 'article', ' ', '\n', 'droit', 'de', 'vote'];
		const text = () =>
			Array.from(
				{ length: Math.floor(random() * 40) },
				() => words[Math.floor(random() * words.length)]
			).join(' ');
		for (let i = 0; i < 200; i++) {
			const before = text();
			const after = text();
			const parts = diffWords(before, after);
			expect(rebuild(parts, 'before')).toBe(before);
			expect(rebuild(parts, 'after')).toBe(after);
		}
	});

	it('handles empty sides', () => {
		expect(diffWords('', 'Bonjour')).toEqual([{ op: 'added', text: 'Bonjour' }]);
		expect(diffWords('Bonjour', '')).toEqual([{ op: 'removed', text: 'Bonjour' }]);
		expect(diffWords('', '')).toEqual([]);
	});
});
