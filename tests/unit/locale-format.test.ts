import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatIsoDay,
	formatMoney,
	formatNumberFor
} from '../../src/lib/domain/locale-format';

describe('dates and amounts for the locale', () => {
	it('writes the first of the month as « 1er » in French, and only the first', () => {
		expect(formatIsoDay('2027-02-01', 'fr')).toBe('1er février 2027');
		expect(formatIsoDay('2027-02-15', 'fr')).toBe('15 février 2027');
		expect(formatIsoDay('2027-02-01', 'fr', 'medium')).toBe('1er févr. 2027');
		expect(formatIsoDay('2027-11-21', 'fr')).toBe('21 novembre 2027');
		expect(formatDate(Date.UTC(2027, 1, 1), 'en')).toBe('February 1, 2027');
	});

	it('reads ISO instants as UTC days and leaves what is not a date alone', () => {
		expect(formatIsoDay('2027-01-01T23:30:00Z', 'fr')).toBe('1er janvier 2027');
		expect(formatIsoDay('', 'fr')).toBe('');
		expect(formatIsoDay('bientôt', 'fr')).toBe('bientôt');
	});

	it('groups digits with a narrow no-break space in French and commas in English', () => {
		expect(formatNumberFor(1_500_000, 'fr')).toBe('1\u202f500\u202f000');
		expect(formatNumberFor(1_500_000, 'en')).toBe('1,500,000');
		expect(formatMoney(250_000, 'FCFA', 'fr')).toBe('250\u202f000\u00a0FCFA');
	});
});
