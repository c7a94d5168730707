// Card colour names in the member's language. Direct references to each message, never `m[key]`:
// an indexed lookup keeps every message of every area (both languages) in the bundle of every
// page that shares the messages chunk (docs/performance.md « Page weight »).
import { m } from '$lib/paraglide/messages';
import type { CardColour } from '$lib/domain/idea-wall-names';

const COLOUR = {
	yellow: m.wall_colour_yellow,
	green: m.wall_colour_green,
	blue: m.wall_colour_blue,
	pink: m.wall_colour_pink,
	orange: m.wall_colour_orange,
	purple: m.wall_colour_purple
} satisfies Record<CardColour, () => string>;

export const colourLabel = (colour: CardColour) => COLOUR[colour]();
