// The geometry of the opinion map's picture on screen, kept out of the Svelte files so that it is
// tested on plain numbers: how dots of one analysis follow the dots of the previous one (the wire
// gives points no identity, so the picture pairs them by nearness to animate them instead of
// redrawing), and the SVG path of an area. The areas and the groups' looks, shared with the
// procès-verbal, are in src/lib/domain/opinion-picture.ts.
import type { Point } from '$lib/domain/opinion-picture';

export {
	GROUP_LOOKS,
	centroid,
	convexHull,
	groupLook,
	groupOutline,
	shapePath,
	type GroupLook,
	type Point
} from '$lib/domain/opinion-picture';

/** An SVG path through the outline's corners, closed. */
export function outlinePath(outline: readonly Point[]): string {
	if (outline.length === 0) return '';
	const f = (n: number) => n.toFixed(1);
	return `M${outline.map((p) => `${f(p.x)},${f(p.y)}`).join('L')}Z`;
}

export interface KeyedPoint<T extends Point = Point> {
	key: number;
	point: T;
}

/**
 * Gives each new point the key of the nearest unmatched previous point of the same group (or any
 * group when its own has none left), greedily from the closest pairs; points left over get fresh
 * keys. Keyed dots move from where they were: the map glides between analyses instead of
 * flickering. Quadratic in the number of dots, a few hundred at most in a room.
 */
export function matchPoints<T extends Point & { group: number }>(
	previous: readonly KeyedPoint<T>[],
	next: readonly T[],
	nextKey: number
): { points: KeyedPoint<T>[]; nextKey: number } {
	const pairs: { d: number; i: number; j: number }[] = [];
	next.forEach((p, i) =>
		previous.forEach(({ point: q }, j) => {
			const penalty = p.group === q.group ? 0 : 4; // coordinates live in [-1, 1]
			pairs.push({ d: Math.hypot(p.x - q.x, p.y - q.y) + penalty, i, j });
		})
	);
	pairs.sort((a, b) => a.d - b.d);
	const keys = new Array<number | undefined>(next.length);
	const taken = new Set<number>();
	for (const { i, j } of pairs) {
		if (keys[i] !== undefined || taken.has(j)) continue;
		keys[i] = previous[j].key;
		taken.add(j);
	}
	let key = nextKey;
	const points = next.map((point, i) => ({ key: keys[i] ?? key++, point }));
	return { points, nextKey: key };
}

/** A share 0..1 as a whole percentage for display. */
export function percent(share: number): number {
	return Math.round(share * 100);
}
