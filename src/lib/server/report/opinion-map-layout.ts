// Where everything of the opinion map printed in the procès-verbal goes, in PDF points: the dots
// (shaped and coloured by group, never colour alone: the page may be printed in black and
// white), each group's area (its hull, lightly filled, outlined with the group's own dash), the
// group's letter on its area, and a legend under the map (shape, letter, size), wrapped to the
// frame's width. No axes and no names: the axes of a PCA have no meaning of their own, and the
// map carries positions, not identities. Pure, so the positions are tested on numbers; the PDF
// writer (report-pdf.ts) only draws what it returns.
import { groupLook, groupOutline, type GroupLook, type Point } from '../../domain/opinion-picture';

export interface MapPoint {
	x: number;
	y: number;
	group: number;
}

export interface MapGroup {
	id: number;
	/** The group's letter, written on its area. */
	label: string;
	/** The legend's line for the group, translated: « Groupe A · 12 personnes ». */
	legend: string;
}

export interface Dash {
	length: number;
	space: number;
}

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface MapLayout {
	/** Where the dots and areas live (drawn with a light frame). */
	plot: Box;
	areas: Array<{
		group: number;
		outline: Point[];
		ink: string;
		dash: Dash | null;
		/** The group's letter: its top-left corner and size. */
		label: { text: string; x: number; y: number; width: number; height: number };
	}>;
	dots: Array<{ x: number; y: number; shape: GroupLook['shape']; ink: string }>;
	legend: Array<{
		/** Centre of the shape drawn before the text. */
		shape: { x: number; y: number; kind: GroupLook['shape'] };
		ink: string;
		text: string;
		x: number;
		y: number;
		width: number;
	}>;
	/** The whole height, plot and legend. */
	height: number;
}

/** Text width in points, as the writer will draw it (font and size are the writer's). */
export type Measure = (text: string) => number;

export const MAP_STYLE = {
	/** Height of the plot over its width. */
	aspect: 0.5,
	/** A dot's radius. */
	dot: 3,
	/** How far an area reaches past its outermost dots. */
	pad: 7,
	/** The letters on the areas. */
	labelSize: 10,
	/** The legend's text. */
	legendSize: 9,
	legendLine: 15,
	/** Room between the plot and the legend, and between two legend entries. */
	gap: 10,
	/** Room from a legend shape's centre to its text. */
	swatch: 12
} as const;

/** Each group's outline dash, by the same stable id as its colour and shape (none: solid). */
const DASHES: Array<Dash | null> = [
	null,
	{ length: 4, space: 2 },
	{ length: 1, space: 2 },
	{ length: 8, space: 3 },
	{ length: 2, space: 4 }
];

export function groupDash(groupId: number): Dash | null {
	const n = DASHES.length;
	return DASHES[((groupId % n) + n) % n];
}

/**
 * Lays the map out at `at` (top-left) over `width`. The dots' cloud is scaled to the plot with one
 * scale for both axes (the shape is kept), centred, with room for the areas' padding and the
 * letters; a cloud with no spread (one point, or all at one place) is drawn at a fixed scale.
 */
export function opinionMapLayout(
	points: readonly MapPoint[],
	groups: readonly MapGroup[],
	at: { x: number; y: number; width: number },
	measure: { label: Measure; legend: Measure }
): MapLayout {
	const S = MAP_STYLE;
	const plot: Box = { x: at.x, y: at.y, width: at.width, height: at.width * S.aspect };
	const inner = S.pad + S.dot + 2;
	const labelRoom = S.labelSize + 4;

	const xs = points.map((p) => p.x);
	const ys = points.map((p) => p.y);
	const [minX, maxX] = points.length ? [Math.min(...xs), Math.max(...xs)] : [0, 0];
	const [minY, maxY] = points.length ? [Math.min(...ys), Math.max(...ys)] : [0, 0];
	// A spread below 0.2 (of the [-1, 1] square) is not blown up to the whole plot.
	const scale = Math.min(
		(plot.width - 2 * inner) / Math.max(maxX - minX, 0.2),
		(plot.height - 2 * inner - labelRoom) / Math.max(maxY - minY, 0.2)
	);
	const centre = {
		x: plot.x + plot.width / 2,
		y: plot.y + labelRoom / 2 + plot.height / 2
	};
	const place = (p: { x: number; y: number }): Point => ({
		x: centre.x + (p.x - (minX + maxX) / 2) * scale,
		// The page's y runs downwards.
		y: centre.y - (p.y - (minY + maxY) / 2) * scale
	});
	const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));
	const inside = (p: Point, margin: number): Point => ({
		x: clamp(p.x, plot.x + margin, plot.x + plot.width - margin),
		y: clamp(p.y, plot.y + margin, plot.y + plot.height - margin)
	});

	const placed = points.map((p) => ({ ...place(p), group: p.group }));
	const dots = placed.map((p) => {
		const look = groupLook(p.group);
		return { ...inside(p, S.dot + 1), shape: look.shape, ink: look.ink };
	});
	const labels: Box[] = [];
	const crosses = (a: Box, b: Box) =>
		a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
	const areas = groups.map((g) => {
		const own = placed.filter((p) => p.group === g.id);
		const outline = groupOutline(own, S.pad).map((p) => inside(p, 1));
		const ysOf = outline.map((p) => p.y);
		const xsOf = outline.map((p) => p.x);
		const top = outline.length ? Math.min(...ysOf) : centre.y;
		const bottom = outline.length ? Math.max(...ysOf) : centre.y;
		const middle = outline.length ? (Math.min(...xsOf) + Math.max(...xsOf)) / 2 : centre.x;
		const width = measure.label(g.label);
		const height = S.labelSize;
		const box = (y: number) => ({
			text: g.label,
			x: clamp(middle - width / 2, plot.x + 2, plot.x + plot.width - width - 2),
			y: clamp(y, plot.y + 2, plot.y + plot.height - height - 2),
			width,
			height
		});
		// Above the area; under it when another group's letter is already there.
		const candidates = [box(top - height - 2), box(bottom + 2), box((top + bottom - height) / 2)];
		const label = candidates.find((c) => !labels.some((l) => crosses(l, c))) ?? candidates[0];
		labels.push(label);
		return { group: g.id, outline, ink: groupLook(g.id).ink, dash: groupDash(g.id), label };
	});

	// The legend flows left to right under the plot, wrapping before an entry that would overflow.
	const legend: MapLayout['legend'] = [];
	let x = at.x;
	let y = plot.y + plot.height + S.gap;
	for (const g of groups) {
		const look = groupLook(g.id);
		const width = S.swatch + measure.legend(g.legend);
		if (x > at.x && x + width > at.x + at.width) {
			x = at.x;
			y += S.legendLine;
		}
		legend.push({
			shape: { x: x + S.dot + 1, y: y + S.legendSize * 0.55, kind: look.shape },
			ink: look.ink,
			text: g.legend,
			x: x + S.swatch,
			y,
			width: Math.min(width - S.swatch, at.width - S.swatch)
		});
		x += width + 2 * S.gap;
	}
	const height = plot.height + (groups.length ? y - (plot.y + plot.height) + S.legendLine : 0);
	return { plot, areas, dots, legend, height };
}
