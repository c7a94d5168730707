// The opinion map's picture: group areas around their dots, dots that keep their key between
// analyses (so they glide, not flicker), and a look per group that never rests on colour alone.
import { describe, expect, it } from 'vitest';
import {
	GROUP_LOOKS,
	convexHull,
	groupLook,
	groupOutline,
	matchPoints,
	outlinePath,
	shapePath
} from '../../src/lib/client/opinion-plot';

describe('group areas', () => {
	it('a square with a point inside has the four corners as its hull', () => {
		const hull = convexHull([
			{ x: 0, y: 0 },
			{ x: 1, y: 0 },
			{ x: 0.5, y: 0.5 },
			{ x: 1, y: 1 },
			{ x: 0, y: 1 },
			{ x: 0.5, y: 0 } // on an edge: dropped
		]);
		expect(hull).toHaveLength(4);
		expect(hull).toEqual(
			expect.arrayContaining([
				{ x: 0, y: 0 },
				{ x: 1, y: 0 },
				{ x: 1, y: 1 },
				{ x: 0, y: 1 }
			])
		);
	});

	it('a group of one or two dots still gets an area around them', () => {
		const one = groupOutline([{ x: 5, y: 5 }], 2);
		expect(one).toHaveLength(4);
		expect(Math.max(...one.map((p) => p.x))).toBe(7);
		const two = groupOutline(
			[
				{ x: 0, y: 0 },
				{ x: 10, y: 0 }
			],
			2
		);
		expect(two.length).toBeGreaterThanOrEqual(4);
		expect(Math.min(...two.map((p) => p.x))).toBe(-2);
		expect(Math.max(...two.map((p) => p.x))).toBe(12);
	});

	it('a larger group is padded outwards from its centre and drawn as a closed path', () => {
		const outline = groupOutline(
			[
				{ x: 0, y: 0 },
				{ x: 10, y: 0 },
				{ x: 5, y: 10 }
			],
			1
		);
		expect(Math.min(...outline.map((p) => p.y))).toBeLessThan(0);
		expect(outlinePath(outline)).toMatch(/^M.*Z$/);
		expect(outlinePath([])).toBe('');
	});
});

describe('dots between two analyses', () => {
	it('each dot keeps the key of the nearest previous dot of its group; newcomers get new keys', () => {
		const before = [
			{ key: 0, point: { x: -0.8, y: 0, group: 0 } },
			{ key: 1, point: { x: 0.8, y: 0, group: 1 } }
		];
		const { points, nextKey } = matchPoints(
			before,
			[
				{ x: 0.7, y: 0.1, group: 1 },
				{ x: 0, y: 0.9, group: 1 },
				{ x: -0.75, y: 0.05, group: 0 }
			],
			2
		);
		expect(points.map((p) => p.key)).toEqual([1, 2, 0]);
		expect(nextKey).toBe(3);
	});

	it('prefers a dot of the same group over a closer dot of another group', () => {
		const before = [
			{ key: 7, point: { x: 0, y: 0, group: 0 } },
			{ key: 8, point: { x: 0.9, y: 0.9, group: 1 } }
		];
		const { points } = matchPoints(before, [{ x: 0.05, y: 0, group: 1 }], 9);
		expect(points[0].key).toBe(8);
	});
});

describe('group looks', () => {
	it('are chosen by stable id, and differ by pattern and shape, not only by colour', () => {
		expect(groupLook(3)).toBe(groupLook(3 + GROUP_LOOKS.length));
		expect(groupLook(0)).not.toBe(groupLook(1));
		expect(new Set(GROUP_LOOKS.map((l) => l.pattern)).size).toBe(GROUP_LOOKS.length);
		expect(new Set(GROUP_LOOKS.map((l) => l.shape)).size).toBe(GROUP_LOOKS.length);
		for (const look of GROUP_LOOKS) expect(shapePath(look.shape, 4)).toMatch(/^M.*Z$/);
	});
});
