import { describe, expect, it } from 'vitest';
import { condenseDiff } from '../../src/lib/components/charter/condense-diff';
import { diffWords } from '../../src/lib/domain/word-diff';

const long = (n: number, word: string) => Array.from({ length: n }, () => word).join(' ');

describe('an amendment diff shown on a phone', () => {
	it('keeps the change whole and only a little unchanged text around it', () => {
		const before = `${long(40, 'avant')} par trimestre. ${long(40, 'après')}`;
		const after = `${long(40, 'avant')} par mois. ${long(40, 'après')}`;
		const parts = condenseDiff(diffWords(before, after));
		expect(parts.filter((p) => p.op !== 'equal').map((p) => p.text.trim())).toEqual([
			'trimestre.',
			'mois.'
		]);
		expect(parts[0].text.startsWith('…')).toBe(true);
		expect(parts.at(-1)!.text.endsWith('…')).toBe(true);
		expect(parts.map((p) => p.text).join('').length).toBeLessThan(200);
		// No word is cut in two at the edges.
		expect(parts[0].text).toMatch(/^…\s?avant/);
	});

	it('leaves a short diff, or one with no change, as it is', () => {
		const parts = diffWords('Un comité chaque année.', 'Un comité tous les six mois.');
		expect(condenseDiff(parts)).toEqual(parts);
		const same = [{ op: 'equal' as const, text: long(50, 'mot') }];
		expect(condenseDiff(same)).toEqual(same);
	});
});
