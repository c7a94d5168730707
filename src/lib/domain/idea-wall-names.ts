// The idea wall's names and limits, without zod: the wall page and the projector import these
// while the schemas (idea-wall.ts) stay in the server and in the lazily loaded board engine.

export const CARD_TEXT_MAX = 280;
export const COLUMN_TITLE_MAX = 80;
export const DEFAULT_DOTS_PER_MEMBER = 3;
/** Colours double as categories; what each means is the facilitator's choice for the session. */
export const CARD_COLOURS = ['yellow', 'green', 'blue', 'pink', 'orange', 'purple'] as const;
export type CardColour = (typeof CARD_COLOURS)[number];
/** Colour names, for screen readers and for people who do not tell the colours apart. */
export const CARD_COLOUR_MESSAGE_KEYS = {
	yellow: 'wall_colour_yellow',
	green: 'wall_colour_green',
	blue: 'wall_colour_blue',
	pink: 'wall_colour_pink',
	orange: 'wall_colour_orange',
	purple: 'wall_colour_purple'
} as const satisfies Record<CardColour, `wall_${string}`>;

export interface WallColumn {
	id: string;
	title: string;
	order: number;
}

/** Highest N of dots per member a facilitator may set. */
export const MAX_DOTS_PER_MEMBER = 20;
