import { describe, expect, it } from 'vitest';
import {
	hiddenBuckets,
	inclusionStats,
	type GroupSplit,
	type MemberProfile,
	type SafeCount
} from '../../src/lib/domain/inclusion-stats';

const HIDDEN = { suppressed: true };
const show = (value: number | null) => ({ suppressed: false, value });

/** Builds profiles: `women` women under 35, `men` men aged 35–49, `undeclared` with nothing. */
function people(
	prefix: string,
	counts: { women?: number; men?: number; other?: number; undeclared?: number }
) {
	const list: MemberProfile[] = [];
	const add = (n = 0, p: Omit<MemberProfile, 'memberId'>, tag: string) => {
		for (let i = 0; i < n; i++) list.push({ memberId: `${prefix}-${tag}-${i}`, ...p });
	};
	add(counts.women, { gender: 'woman', ageBracket: '18_24' }, 'w');
	add(counts.men, { gender: 'man', ageBracket: '35_49' }, 'm');
	add(counts.other, { gender: 'other', ageBracket: '50_plus' }, 'o');
	add(counts.undeclared, {}, 'u');
	return list;
}

function statsFor(profiles: MemberProfile[], active: MemberProfile[] = profiles, seconds = 60) {
	const ids = profiles.map((p) => p.memberId);
	const activeIds = active.map((p) => p.memberId);
	return inclusionStats({
		profiles,
		present: ids,
		spoke: Object.fromEntries(activeIds.map((id) => [id, seconds])),
		voted: activeIds,
		wrote: []
	});
}

const counts = (split: GroupSplit) => [split.group, split.otherDeclared, split.undeclared];

describe('inclusion panel', () => {
	it('exactly 5 women and 5 men are shown with their share', () => {
		const { present } = statsFor(people('a', { women: 5, men: 5 }));
		expect(present.total).toEqual(show(10));
		expect(counts(present.women)).toEqual([show(5), show(5), show(0)]);
		expect(present.women.share).toEqual(show(0.5));
		expect(present.under35.share).toEqual(show(0.5));
	});

	it('exactly 4 women are hidden, and so are the other declared and the share', () => {
		const { present } = statsFor(people('a', { women: 4, men: 10 }));
		expect(present.total).toEqual(show(14));
		expect(counts(present.women)).toEqual([HIDDEN, HIDDEN, show(0)]);
		expect(present.women.share).toEqual(HIDDEN);
	});

	it('a single woman among many is never shown as an exact number', () => {
		const { voted } = statsFor(people('a', { women: 1, men: 30, undeclared: 6 }));
		expect(voted.women.group).toEqual(HIDDEN);
		expect(voted.women.share).toEqual(HIDDEN);
		// The partner hidden with her is the other declared bucket, not the undeclared one.
		expect(voted.women.otherDeclared).toEqual(HIDDEN);
		expect(voted.women.undeclared).toEqual(show(6));
	});

	it('zero women is shown as 0: it singles nobody out', () => {
		const { present } = statsFor(people('a', { men: 8 }));
		expect(counts(present.women)).toEqual([show(0), show(8), show(0)]);
		expect(present.women.share).toEqual(show(0));
	});

	it('an activity with 1 to 4 people is hidden entirely', () => {
		const all = people('a', { women: 6, men: 6 });
		const { spoke, voted } = statsFor(all, all.slice(0, 4));
		expect(voted.total).toEqual(HIDDEN);
		expect(counts(voted.women)).toEqual([HIDDEN, HIDDEN, HIDDEN]);
		expect(voted.under35.share).toEqual(HIDDEN);
		expect(spoke.time).toEqual({ totalSeconds: HIDDEN, womenShare: HIDDEN, under35Share: HIDDEN });
	});

	it('an activity nobody did shows zeros and no share', () => {
		const { wrote } = statsFor(people('a', { women: 6, men: 6 }));
		expect(wrote.total).toEqual(show(0));
		expect(counts(wrote.women)).toEqual([show(0), show(0), show(0)]);
		expect(wrote.women.share).toEqual(show(null));
		expect(wrote.women.attendanceShare).toEqual(show(0.5));
	});

	it('a small undeclared group is hidden with the smaller declared group, so the share is too', () => {
		const { present } = statsFor(people('a', { women: 7, men: 12, undeclared: 3 }));
		expect(counts(present.women)).toEqual([HIDDEN, show(12), HIDDEN]);
		expect(present.women.share).toEqual(HIDDEN);
	});

	it('men and other genders share one bucket, and members without a profile are undeclared', () => {
		const profiles = people('a', { women: 5, men: 3, other: 2 });
		const stats = inclusionStats({
			profiles,
			present: [
				...profiles.map((p) => p.memberId),
				'ghost-1',
				'ghost-2',
				'ghost-3',
				'ghost-4',
				'ghost-5'
			],
			spoke: {},
			voted: [],
			wrote: []
		});
		expect(counts(stats.present.women)).toEqual([show(5), show(5), show(5)]);
		// under 35: the 5 women; 35+: 3 men and 2 others; undeclared: the 5 without profile.
		expect(counts(stats.present.under35)).toEqual([show(5), show(5), show(5)]);
	});

	it('each activity is compared with the share among those present', () => {
		const all = people('a', { women: 10, men: 10 });
		const speakers = [...all.filter((p) => p.gender === 'man'), ...all.slice(0, 5)];
		const { spoke } = statsFor(all, speakers);
		expect(spoke.women.share).toEqual(show(5 / 15));
		expect(spoke.women.attendanceShare).toEqual(show(0.5));
	});

	it('speaking time shares are shown only when the speakers’ counts are', () => {
		const women = people('w', { women: 5 });
		const men = people('m', { men: 5 });
		const base = {
			profiles: [...women, ...men],
			present: [...women, ...men].map((p) => p.memberId),
			voted: [],
			wrote: []
		};
		const spoke = Object.fromEntries([
			...women.map((p) => [p.memberId, 30] as const),
			...men.map((p) => [p.memberId, 90] as const)
		]);
		const shown = inclusionStats({ ...base, spoke }).spoke.time;
		expect(shown).toEqual({
			totalSeconds: show(600),
			womenShare: show(0.25),
			under35Share: show(0.25)
		});
		const oneLess = { ...spoke };
		delete oneLess[women[0]?.memberId ?? ''];
		expect(inclusionStats({ ...base, spoke: oneLess }).spoke.time.womenShare).toEqual(HIDDEN);
	});

	it('a member listed twice counts once', () => {
		const profiles = people('a', { women: 5 });
		const ids = profiles.map((p) => p.memberId);
		const stats = inclusionStats({
			profiles,
			present: [...ids, ...ids],
			spoke: {},
			voted: ids,
			wrote: []
		});
		expect(stats.present.total).toEqual(show(5));
	});

	it('no hidden count can be recovered by subtracting the shown ones from the total', () => {
		const value = (c: SafeCount) => (c.suppressed ? null : c.value);
		for (let g = 0; g <= 12; g++) {
			for (let o = 0; o <= 12; o++) {
				for (let u = 0; u <= 12; u++) {
					const total = g + o + u;
					if (total >= 1 && total <= 4) continue; // whole activity hidden
					const hidden = hiddenBuckets({ group: g, otherDeclared: o, undeclared: u });
					expect(hidden.size).not.toBe(1);
					const stats = statsFor(people(`${g}-${o}-${u}`, { women: g, men: o, undeclared: u }));
					const split = stats.present.women;
					for (const [cell, n] of [
						[split.group, g],
						[split.otherDeclared, o],
						[split.undeclared, u]
					] as const) {
						if (n >= 1 && n <= 4) expect(cell).toEqual(HIDDEN);
						if (!cell.suppressed) expect(value(cell)).toBe(n);
					}
					if (!split.share.suppressed) {
						expect(split.group.suppressed || split.otherDeclared.suppressed).toBe(false);
					}
				}
			}
		}
	});
});
