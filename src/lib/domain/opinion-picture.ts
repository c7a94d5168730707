// The opinion map's picture without a screen: each group's area (a convex hull around its dots)
// and the visual identity of a group — colour, hatching and dot shape — keyed by its stable id,
// never by its place in the list, so that group B stays B-blue-dotted while the room votes.
// Shared by the phones and the projector (src/lib/client/opinion-plot.ts) and by the map drawn
// in the procès-verbal (src/lib/server/report/opinion-map-layout.ts).

export interface Point {
	x: number;
	y: number;
}

/** Andrew's monotone chain; counter-clockwise, no repeated end point, collinear points dropped. */
export function convexHull(points: readonly Point[]): Point[] {
	const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
	const unique = sorted.filter(
		(p, i) => i === 0 || p.x !== sorted[i - 1].x || p.y !== sorted[i - 1].y
	);
	if (unique.length < 3) return unique;
	const cross = (o: Point, a: Point, b: Point) =>
		(a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
	const half = (list: Point[]) => {
		const out: Point[] = [];
		for (const p of list) {
			while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
			out.push(p);
		}
		out.pop();
		return out;
	};
	return [...half(unique), ...half([...unique].reverse())];
}

export function centroid(points: readonly Point[]): Point {
	if (points.length === 0) return { x: 0, y: 0 };
	const sum = points.reduce((acc, p) => ({ x: acc.x + p.x, y: acc.y + p.y }), { x: 0, y: 0 });
	return { x: sum.x / points.length, y: sum.y / points.length };
}

/**
 * The area drawn for a group: its hull pushed outwards by `pad` from the centroid, so that one
 * or two dots still get a visible shape (a small diamond around one dot, a lozenge around two).
 */
export function groupOutline(points: readonly Point[], pad: number): Point[] {
	if (points.length === 0) return [];
	const hull = convexHull(points);
	const c = centroid(hull);
	const base =
		hull.length >= 3
			? hull
			: hull.flatMap((p) => [
					{ x: p.x - pad, y: p.y },
					{ x: p.x, y: p.y - pad },
					{ x: p.x + pad, y: p.y },
					{ x: p.x, y: p.y + pad }
				]);
	const outline = hull.length >= 3 ? base : convexHull(base);
	return outline.map((p) => {
		const dx = p.x - c.x;
		const dy = p.y - c.y;
		const length = Math.hypot(dx, dy) || 1;
		const grow = hull.length >= 3 ? pad : 0;
		return { x: p.x + (dx / length) * grow, y: p.y + (dy / length) * grow };
	});
}

/**
 * A group's look, from its stable id. `colour` is bright for the projector's black, `ink` the
 * same hue dark enough for text on white (phones, the control room); each group also has its
 * own hatching and dot shape, so the groups are told apart without colour.
 */
export const GROUP_LOOKS = [
	{ colour: '#4ea1ff', ink: '#1d5fae', pattern: 'diagonal', shape: 'circle' },
	{ colour: '#ffb020', ink: '#8a5300', pattern: 'dots', shape: 'square' },
	{ colour: '#3ccf8e', ink: '#18704a', pattern: 'horizontal', shape: 'triangle' },
	{ colour: '#ff6b8b', ink: '#b0244a', pattern: 'cross', shape: 'diamond' },
	{ colour: '#b58cff', ink: '#6b3fc4', pattern: 'vertical', shape: 'star' }
] as const;
export type GroupLook = (typeof GROUP_LOOKS)[number];

export function groupLook(groupId: number): GroupLook {
	const n = GROUP_LOOKS.length;
	return GROUP_LOOKS[((groupId % n) + n) % n];
}

/** A dot's shape as an SVG path centred on 0,0 with radius `r`. */
export function shapePath(shape: GroupLook['shape'], r: number): string {
	const f = (n: number) => n.toFixed(2);
	switch (shape) {
		case 'circle':
			return `M${f(-r)},0A${f(r)},${f(r)} 0 1 0 ${f(r)},0A${f(r)},${f(r)} 0 1 0 ${f(-r)},0Z`;
		case 'square':
			return `M${f(-r * 0.85)},${f(-r * 0.85)}H${f(r * 0.85)}V${f(r * 0.85)}H${f(-r * 0.85)}Z`;
		case 'triangle':
			return `M0,${f(-r * 1.1)}L${f(r)},${f(r * 0.75)}H${f(-r)}Z`;
		case 'diamond':
			return `M0,${f(-r * 1.15)}L${f(r * 1.15)},0L0,${f(r * 1.15)}L${f(-r * 1.15)},0Z`;
		case 'star': {
			const corners = Array.from({ length: 10 }, (_, i) => {
				const radius = i % 2 === 0 ? r * 1.2 : r * 0.5;
				const angle = (Math.PI / 5) * i - Math.PI / 2;
				return `${f(Math.cos(angle) * radius)},${f(Math.sin(angle) * radius)}`;
			});
			return `M${corners.join('L')}Z`;
		}
	}
}
