// The opinion map's computation on made-up rooms whose answer is known (issue #16).
import { describe, expect, it } from 'vitest';
import {
	computeAnalysis,
	wilsonLower,
	type AnalysisVote
} from '../../src/lib/domain/opinion-analysis';
import { groupLabel, matchGroupIds, silhouette } from '../../src/lib/domain/opinion-projection';
import { nextStatementId } from '../../src/lib/domain/opinion-order';
import { statementLength } from '../../src/lib/domain/opinion-schemas';
import type { OpinionVote } from '../../src/lib/protocol/opinion';

/** A seeded generator (mulberry32): random rooms that are the same on every run. */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const statements = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		id: `s${String(i).padStart(3, '0')}`,
		text: `Phrase ${i}`
	}));

/**
 * Two camps of `size`: statements 0–9 camp A agrees and B disagrees, 10–19 the reverse,
 * 20–24 everyone agrees. A little noise (`noise` share of votes flipped to pass).
 */
function twoCamps(size = 20, noise = 0.1, seed = 7) {
	const random = rng(seed);
	const votes: AnalysisVote[] = [];
	const list = statements(25);
	for (const camp of ['a', 'b'] as const) {
		for (let p = 0; p < size; p++) {
			const memberId = `${camp}${String(p).padStart(2, '0')}`;
			list.forEach((s, j) => {
				let vote: OpinionVote = j >= 20 ? 1 : j < 10 === (camp === 'a') ? 1 : -1;
				if (random() < noise) vote = 0;
				votes.push({ memberId, statementId: s.id, vote });
			});
		}
	}
	return { statements: list, votes };
}

describe('computeAnalysis', () => {
	it('finds two camps of 20 and the statements everyone agrees on', () => {
		const result = computeAnalysis(twoCamps());
		expect(result.participants).toBe(40);
		expect(result.placed).toBe(40);
		expect(result.groups).toHaveLength(2);
		expect(result.groups.map((g) => g.size)).toEqual([20, 20]);
		// Each group is exactly one camp.
		for (const group of result.groups) {
			const members = result.points.filter((p) => p.group === group.id);
			const camps = new Set(members.map((p) => p.memberId[0]));
			expect(camps.size).toBe(1);
		}
		expect(result.consensus.map((c) => c.statementId).sort()).toEqual([
			's020',
			's021',
			's022',
			's023',
			's024'
		]);
		for (const c of result.consensus) {
			for (const g of c.byGroup) expect(g.agree).toBeGreaterThanOrEqual(0.6);
		}
		// The camps' own statements split them: divisive, and representative of each group.
		expect(result.divisive.length).toBeGreaterThan(0);
		for (const d of result.divisive) expect(Number(d.statementId.slice(1))).toBeLessThan(20);
		const groupA = result.groups.find((g) =>
			result.points.some((p) => p.group === g.id && p.memberId.startsWith('a'))
		)!;
		expect(groupA.representative.length).toBeGreaterThan(0);
		for (const r of groupA.representative) {
			const j = Number(r.statementId.slice(1));
			expect(r.direction).toBe(j < 10 ? 'agree' : 'disagree');
		}
		// Points inside [-1, 1], labels follow ids.
		for (const p of result.points) {
			expect(Math.abs(p.x)).toBeLessThanOrEqual(1);
			expect(Math.abs(p.y)).toBeLessThanOrEqual(1);
		}
		expect(result.groups.map((g) => g.label)).toEqual(result.groups.map((g) => groupLabel(g.id)));
	});

	it('finds no consensus in a room of random votes', () => {
		for (const seed of [1, 2, 3]) {
			const random = rng(seed);
			const list = statements(30);
			const votes: AnalysisVote[] = [];
			for (let p = 0; p < 60; p++) {
				for (const s of list) {
					const r = random();
					votes.push({
						memberId: `m${p}`,
						statementId: s.id,
						vote: r < 1 / 3 ? 1 : r < 2 / 3 ? -1 : 0
					});
				}
			}
			const result = computeAnalysis({ statements: list, votes });
			expect(result.placed).toBe(60);
			expect(result.consensus).toEqual([]);
		}
	});

	it('does not place participants below the vote threshold, but counts them', () => {
		const room = twoCamps(10, 0);
		// Six votes only: not placed (7 needed with 25 statements).
		const late = room.statements.slice(0, 6).map((s) => ({
			memberId: 'late',
			statementId: s.id,
			vote: 1 as const
		}));
		const result = computeAnalysis({ ...room, votes: [...room.votes, ...late] });
		expect(result.minVotes).toBe(7);
		expect(result.participants).toBe(21);
		expect(result.placed).toBe(20);
		expect(result.points.some((p) => p.memberId === 'late')).toBe(false);
		// Their votes still count in the statements' shares.
		const again = computeAnalysis({
			...room,
			votes: [...room.votes, ...late, { memberId: 'late', statementId: 's010', vote: -1 }]
		});
		expect(again.placed).toBe(21);
	});

	it('lowers the threshold to the number of statements in a small room', () => {
		const list = statements(3);
		const votes: AnalysisVote[] = ['p1', 'p2', 'p3'].flatMap((memberId) =>
			list.map((s) => ({ memberId, statementId: s.id, vote: 1 as const }))
		);
		const result = computeAnalysis({ statements: list, votes });
		expect(result.minVotes).toBe(3);
		expect(result.placed).toBe(3);
		expect(result.groups).toHaveLength(1);
		expect(result.consensus).toHaveLength(3);
	});

	it('keeps group ids (and the map orientation) when a few votes change', () => {
		const room = twoCamps();
		const first = computeAnalysis(room);
		const groupOf = (r: typeof first, member: string) =>
			r.points.find((p) => p.memberId === member)!.group;
		const random = rng(99);
		// Five people change a few of their votes.
		const changed = room.votes.map((v) =>
			v.memberId.endsWith('3') && random() < 0.3 ? { ...v, vote: 0 as const } : v
		);
		const second = computeAnalysis({ ...room, votes: changed, memory: first.memory });
		expect(second.groups.map((g) => g.id)).toEqual(first.groups.map((g) => g.id));
		for (const member of ['a00', 'a15', 'b00', 'b19']) {
			expect(groupOf(second, member)).toBe(groupOf(first, member));
		}
		const a00 = (r: typeof first) => r.points.find((p) => p.memberId === 'a00')!;
		expect(Math.sign(a00(second).x)).toBe(Math.sign(a00(first).x));

		// Without memory, ids could come out the other way round; with memory given a swapped
		// past, the ids follow the members.
		const swapped = {
			...first.memory,
			groups: first.memory.groups.map((g) => ({ ...g, id: g.id === 0 ? 1 : 0 }))
		};
		const third = computeAnalysis({ ...room, votes: changed, memory: swapped });
		expect(groupOf(third, 'a00')).toBe(groupOf(first, 'a00') === 0 ? 1 : 0);
	});

	it('masks small counts in the inclusion aggregates', () => {
		const room = twoCamps(10, 0);
		const profiles = room.votes
			.map((v) => v.memberId)
			.filter((m, i, all) => all.indexOf(m) === i)
			.map((memberId, i) => ({
				memberId,
				// Camp a: 5 women, 5 men; camp b: 2 women (hidden, and 8 men). All of camp a under 35.
				gender: (memberId.startsWith('a') ? i < 5 : i < 12) ? ('woman' as const) : ('man' as const),
				ageBracket: memberId.startsWith('a') ? ('25_34' as const) : ('50_plus' as const)
			}));
		const result = computeAnalysis({ ...room, profiles });
		const byCamp = (camp: string) =>
			result.groups.find((g) =>
				result.points.some((p) => p.group === g.id && p.memberId.startsWith(camp))
			)!.inclusion;
		expect(byCamp('a')).toEqual({ women: 5, under35: 10, size: 10 });
		expect(byCamp('b')).toEqual({ women: '<5', under35: 0, size: 10 });
	});

	it('never shows a group of one or two (its shares would be a person’s votes)', () => {
		const room = twoCamps(10, 0);
		// One contrarian disagrees with everything.
		const loner = room.statements.map((st) => ({
			memberId: 'zz',
			statementId: st.id,
			vote: -1 as const
		}));
		const result = computeAnalysis({ ...room, votes: [...room.votes, ...loner] });
		expect(result.placed).toBe(21);
		for (const g of result.groups) expect(g.size).toBeGreaterThanOrEqual(3);
		for (const seed of [4, 5]) {
			const random = rng(seed);
			const list = statements(20);
			const votes: AnalysisVote[] = [];
			for (let p = 0; p < 12; p++)
				for (const st of list)
					votes.push({ memberId: `m${p}`, statementId: st.id, vote: random() < 0.5 ? 1 : -1 });
			const small = computeAnalysis({ statements: list, votes });
			for (const g of small.groups) expect(g.size).toBeGreaterThanOrEqual(3);
		}
	});

	it('handles an empty map and a single statement', () => {
		expect(computeAnalysis({ statements: [], votes: [] })).toMatchObject({
			participants: 0,
			placed: 0,
			groups: [],
			consensus: [],
			points: []
		});
		const one = computeAnalysis({
			statements: statements(1),
			votes: [{ memberId: 'x', statementId: 's000', vote: 1 }]
		});
		expect(one.placed).toBe(1);
		expect(one.points[0]).toMatchObject({ x: 0, y: 0 });
	});
});

describe('helpers', () => {
	it('matches groups by shared members, new ones take the smallest free id', () => {
		const previous = [
			{ id: 0, members: ['a', 'b', 'c'] },
			{ id: 1, members: ['d', 'e'] }
		];
		expect(
			matchGroupIds(
				[
					['d', 'e', 'f'],
					['a', 'b'],
					['x', 'y']
				],
				previous
			)
		).toEqual([1, 0, 2]);
		expect(matchGroupIds([['x'], ['d']], previous)).toEqual([0, 1]);
	});

	it('silhouette is high for separated clusters and low for mixed ones', () => {
		const points: [number, number][] = [
			[0, 0],
			[0.1, 0],
			[1, 1],
			[1, 0.9]
		];
		expect(silhouette(points, [0, 0, 1, 1])).toBeGreaterThan(0.8);
		expect(silhouette(points, [0, 1, 0, 1])).toBeLessThan(0);
	});

	it('Wilson lower bound', () => {
		expect(wilsonLower(3, 3)).toBeGreaterThan(0.5);
		expect(wilsonLower(2, 3)).toBeLessThan(0.5);
		expect(wilsonLower(0, 0)).toBe(0);
	});

	it('labels', () => {
		expect([0, 1, 25, 26].map(groupLabel)).toEqual(['A', 'B', 'Z', 'A2']);
	});

	it('next statement: unvoted, fewest votes first, spread between members', () => {
		const candidates = [
			{ id: 's1', votes: 5 },
			{ id: 's2', votes: 2 },
			{ id: 's3', votes: 2 }
		];
		expect(nextStatementId(candidates, new Set(['s2']), 'm')).toBe('s3');
		expect(nextStatementId(candidates, new Set(['s1', 's2', 's3']), 'm')).toBeNull();
		const firsts = new Set(
			Array.from({ length: 20 }, (_, i) => nextStatementId(candidates, new Set(), `m${i}`))
		);
		expect(firsts).toEqual(new Set(['s2', 's3']));
	});

	it('counts characters, not UTF-16 units', () => {
		expect(statementLength('  été 🙂 ')).toBe(5);
	});
});
