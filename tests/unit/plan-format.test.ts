import { describe, expect, it } from 'vitest';
import { formatAmount, shiftPosition, textChange } from '../../src/lib/domain/plan-format';
import { parseBudget } from '../../src/lib/domain/action-plan';

describe('amounts', () => {
	it('groups thousands with narrow no-break spaces that parseBudget reads back', () => {
		expect(formatAmount(1500000)).toBe('1\u202f500\u202f000');
		expect(formatAmount(999)).toBe('999');
		expect(formatAmount(0)).toBe('0');
		expect(parseBudget(formatAmount(12345678))).toEqual({ ok: true, value: 12345678 });
	});
});

describe('minimal text changes', () => {
	it('finds a single insertion, deletion or replacement', () => {
		expect(textChange('Forage', 'Forages', 7)).toEqual({ index: 6, remove: 0, insert: 's' });
		expect(textChange('Forage du puits', 'Forage puits', 7)).toEqual({
			index: 7,
			remove: 3,
			insert: ''
		});
		expect(textChange('puits', 'forage', 6)).toEqual({ index: 0, remove: 5, insert: 'forage' });
		expect(textChange('same', 'same')).toBeNull();
	});

	it('puts an ambiguous insertion where the caret is', () => {
		expect(textChange('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
		expect(textChange('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
	});

	it('moves a caret after someone else’s insertion or deletion before it', () => {
		expect(shiftPosition(5, [{ insert: 'abc' }])).toBe(8);
		expect(shiftPosition(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5);
		expect(shiftPosition(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
		expect(shiftPosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
		expect(shiftPosition(5, [{ retain: 3 }, { delete: 10 }])).toBe(3);
	});
});
