import { describe, expect, it } from 'vitest';
import {
	canonicalQuartier,
	choiceQuartier,
	optionsForMember
} from '../../src/lib/domain/nomination';
import type { PollOption } from '../../src/lib/domain/poll-types';
import { pollOf } from './poll-fixtures';

const options: PollOption[] = [
	{ id: 'a', label: 'Aïssa', quartier: 'Zongo' },
	{ id: 'b', label: 'Bachir', quartier: 'Zongo' },
	{ id: 'c', label: 'Chaibou', quartier: 'Sabon Gari' }
];
const scoped = pollOf('nomination', {
	nomination: { phase: 'vote', voteMethod: 'single', scope: 'quartier' }
});

describe('quartiers of a scoped nomination', () => {
	it('keeps the spelling already in use when a quartier differs by case, accents or spaces', () => {
		expect(canonicalQuartier('  zongo ', ['Sabon Gari', 'Zongo'])).toBe('Zongo');
		expect(canonicalQuartier('Sabon  Garî', ['Sabon Gari'])).toBe('Sabon Gari');
		expect(canonicalQuartier('Nouveau', ['Zongo'])).toBe('Nouveau');
		expect(canonicalQuartier('   ', ['Zongo'])).toBeNull();
		expect(canonicalQuartier(null, ['Zongo'])).toBeNull();
	});

	it('gives a member the candidates of their declared quartier, however they typed it', () => {
		expect(optionsForMember(scoped, options, 'ZONGO').map((o) => o.id)).toEqual(['a', 'b']);
		expect(optionsForMember(scoped, options, 'sabon gari').map((o) => o.id)).toEqual(['c']);
		expect(optionsForMember(scoped, options, 'Ailleurs')).toEqual([]);
		expect(optionsForMember(scoped, options, null)).toEqual([]);
		expect(optionsForMember(pollOf('single'), options, null)).toHaveLength(3);
	});

	it('finds the quartier of a ballot from the options it names, whatever its shape', () => {
		expect(choiceQuartier(options, { optionId: 'c' })).toBe('Sabon Gari');
		expect(choiceQuartier(options, { optionIds: ['b'] })).toBe('Zongo');
		expect(choiceQuartier(options, { ranking: ['a', 'b'] })).toBe('Zongo');
		expect(choiceQuartier(options, { scores: { c: 3 } })).toBe('Sabon Gari');
		expect(choiceQuartier(options, { dots: { a: 2 } })).toBe('Zongo');
		expect(choiceQuartier(options, { optionId: 'inconnu' })).toBeNull();
	});
});
