// The marker of a poll option: a shape and a colour picked by the option's position, so that « le
// triangle vert » names the same option on the ballot, the phone's results and the projector,
// for people who read the labels with difficulty and for those who do not see colours apart
// (the shape alone tells the options apart). Consent's pour / contre / abstention get a tick, a
// cross and a dash whatever their position.
import type { ConsentKey } from './poll-types';

/** Filled shapes, in the order options get them: the first eight options never share a shape. */
export const MARKER_SHAPES = [
	'circle',
	'square',
	'triangle',
	'diamond',
	'star',
	'hexagon',
	'plus',
	'triangle_down'
] as const;
/** Consent's glyphs, drawn as thick strokes. */
export const CONSENT_SHAPES = { for: 'tick', against: 'cross', abstain: 'dash' } as const;
export type MarkerShape =
	(typeof MARKER_SHAPES)[number] | (typeof CONSENT_SHAPES)[keyof typeof CONSENT_SHAPES];

/**
 * Mid-tone colours, each ≥ 3:1 (WCAG non-text contrast) on the white ballot, its selected
 * green row and the projector's black: one palette for every screen.
 */
export const MARKER_COLOURS = [
	'#1f6fd1', // blue
	'#c25400', // orange
	'#2e7d32', // green
	'#8e44ad', // purple
	'#d32f2f', // red
	'#00838f', // teal
	'#8d6e00', // ochre
	'#c2185b' // pink
] as const;
const CONSENT_COLOURS = { for: '#2e7d32', against: '#d32f2f', abstain: '#6e6e6e' } as const;

export interface OptionMarker {
	shape: MarkerShape;
	colour: string;
}

/**
 * The marker of the option at `position` (0-based, in the poll's option order). Stable: the
 * same position always gets the same marker. Past eight options the shapes repeat with another
 * colour, so the first 64 options still get 64 different shape-and-colour pairs.
 */
export function optionMarker(position: number, consent?: ConsentKey): OptionMarker {
	if (consent) return { shape: CONSENT_SHAPES[consent], colour: CONSENT_COLOURS[consent] };
	const n = MARKER_SHAPES.length;
	const i = Math.max(0, Math.trunc(position));
	return {
		shape: MARKER_SHAPES[i % n],
		colour: MARKER_COLOURS[(i + Math.floor(i / n)) % MARKER_COLOURS.length]
	};
}

/** The marker of option `id` among `options` (its position there); the first's if unknown. */
export function markerOf(
	options: readonly { id: string; consent?: ConsentKey }[],
	id: string
): OptionMarker {
	const position = options.findIndex((o) => o.id === id);
	return optionMarker(position, options[position]?.consent);
}
