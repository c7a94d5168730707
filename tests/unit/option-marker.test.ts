import { describe, expect, it } from 'vitest';
import {
	MARKER_COLOURS,
	MARKER_SHAPES,
	markerOf,
	optionMarker
} from '../../src/lib/domain/option-marker';
import { CONSENT_KEYS } from '../../src/lib/domain/poll-types';
import { contrastRatio } from '../../src/lib/components/ui/contrast';

const pair = (i: number) => {
	const { shape, colour } = optionMarker(i);
	return `${shape} ${colour}`;
};

describe('the marker of a poll option', () => {
	it('gives the first eight options eight different shapes and eight different colours', () => {
		const firsts = Array.from({ length: MARKER_SHAPES.length }, (_, i) => optionMarker(i));
		expect(new Set(firsts.map((m) => m.shape)).size).toBe(MARKER_SHAPES.length);
		expect(new Set(firsts.map((m) => m.colour)).size).toBe(MARKER_COLOURS.length);
	});

	it('never gives two of the first 64 options the same shape and colour', () => {
		const pairs = Array.from({ length: 64 }, (_, i) => pair(i));
		expect(new Set(pairs).size).toBe(64);
	});

	it('is stable: the same position always gets the same marker (the circle blue first)', () => {
		expect(optionMarker(0)).toEqual({ shape: 'circle', colour: '#1f6fd1' });
		expect(optionMarker(2)).toEqual({ shape: 'triangle', colour: '#2e7d32' });
		for (let i = 0; i < 20; i++) expect(optionMarker(i)).toEqual(optionMarker(i));
	});

	it('treats a nonsense position as the first', () => {
		expect(optionMarker(-3)).toEqual(optionMarker(0));
		expect(optionMarker(1.7)).toEqual(optionMarker(1));
	});

	it('tells consent’s pour, contre and abstention apart by their glyph, not only their colour', () => {
		const shapes = CONSENT_KEYS.map((k) => optionMarker(0, k).shape);
		expect(shapes).toEqual(['tick', 'cross', 'dash']);
		// Whatever the position: the glyph belongs to the answer.
		expect(optionMarker(2, 'for')).toEqual(optionMarker(0, 'for'));
	});

	it.each([
		['the white ballot', '#ffffff'],
		['a selected ballot row', '#e7f3e8'],
		['the projector’s black', '#000000']
	])('draws every colour at 3:1 or more against %s', (_, background) => {
		const colours = [...MARKER_COLOURS, ...CONSENT_KEYS.map((k) => optionMarker(0, k).colour)];
		for (const colour of colours)
			expect(contrastRatio(colour, background), colour).toBeGreaterThanOrEqual(3);
	});
});

describe('the marker of an option among a poll’s options', () => {
	const options = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

	it('follows the option’s place in the poll, whatever order the results list them in', () => {
		expect(markerOf(options, 'c')).toEqual(optionMarker(2));
		expect(markerOf([...options].reverse(), 'c')).toEqual(optionMarker(0));
	});

	it('uses the consent glyph of a consent option', () => {
		expect(markerOf([{ id: 'x', consent: 'against' }], 'x').shape).toBe('cross');
	});
});
