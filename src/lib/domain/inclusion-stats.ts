// The inclusion panel: are women and under-35s speaking, voting and writing as much as they are
// present? Aggregates only, from optional self-declared profiles, with small groups hidden.
//
// Suppression rule (so nobody is singled out, live or in the report):
// 1. An activity with 1–4 people is hidden entirely (total, every count, every share).
// 2. For each split — women / other declared genders / undeclared, and under 35 / 35 and over /
//    undeclared — any count of 1–4 is hidden (`{ suppressed: true }`, shown as « < 5 »).
// 3. The three counts of a split add up to the activity total, which is shown; so when exactly
//    one count is hidden, a second non-zero one is hidden too or subtraction would give it back:
//    the other declared count first (women ↔ other declared), for a hidden undeclared count the
//    smaller declared one. Both look alike, so the reader cannot tell which one is small.
// 4. A share (group ÷ those who declared) is shown only when both declared counts are shown;
//    otherwise it would give back the hidden ones. The speaking-time share follows that rule.
// Zero is shown as 0: it singles nobody out. Men and other genders are one bucket because
// "other" alone would nearly always be a group of one. Known limit: a live panel read before and
// after one person acts can still reveal that person's bracket by difference; it shows groups,
// not people, and must not be exported per member.
import { isUnder35, type AgeBracket, type Gender } from './profile';

export const SMALL_GROUP_MIN = 5;
/** How a suppressed figure is shown (« < 5 »), with the footnote explaining why. */
export const SUPPRESSED_MESSAGE_KEY = 'agenda_inclusion_suppressed';
export const SUPPRESSED_NOTE_MESSAGE_KEY = 'agenda_inclusion_suppressed_note';

export type SafeCount = { suppressed: false; value: number } | { suppressed: true };
/** `value` is `null` when nobody in the activity declared (there is no share to give). */
export type SafeShare = { suppressed: false; value: number | null } | { suppressed: true };

export interface MemberProfile {
	memberId: string;
	gender?: Gender | null;
	ageBracket?: AgeBracket | null;
}

export interface InclusionInput {
	profiles: readonly MemberProfile[];
	present: Iterable<string>;
	/** Seconds of speaking time per member who had the floor. */
	spoke: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
	voted: Iterable<string>;
	wrote: Iterable<string>;
}

export interface GroupSplit {
	/** Women, or under-35s. */
	group: SafeCount;
	/** Declared and not in the group: men and other genders, or 35 and over. */
	otherDeclared: SafeCount;
	undeclared: SafeCount;
	/** group ÷ (group + otherDeclared). */
	share: SafeShare;
	/** The same share among those present, to compare against. */
	attendanceShare: SafeShare;
}

export interface ActivityStats {
	total: SafeCount;
	women: GroupSplit;
	under35: GroupSplit;
}

export interface SpeakingTime {
	totalSeconds: SafeCount;
	/** Women's part of the speaking time of those who declared a gender. */
	womenShare: SafeShare;
	under35Share: SafeShare;
}

export interface InclusionStats {
	present: ActivityStats;
	spoke: ActivityStats & { time: SpeakingTime };
	voted: ActivityStats;
	wrote: ActivityStats;
}

export const ACTIVITIES = ['present', 'spoke', 'voted', 'wrote'] as const;
export type Activity = (typeof ACTIVITIES)[number];

type Bucket = 'group' | 'otherDeclared' | 'undeclared';
type Classify = (p: MemberProfile | undefined) => Bucket;

const byGender: Classify = (p) =>
	!p?.gender ? 'undeclared' : p.gender === 'woman' ? 'group' : 'otherDeclared';
const byAge: Classify = (p) =>
	!p?.ageBracket ? 'undeclared' : isUnder35(p.ageBracket) ? 'group' : 'otherDeclared';

const HIDDEN = { suppressed: true } as const;
const shown = (value: number): SafeCount => ({ suppressed: false, value });

export function isSmallGroup(count: number): boolean {
	return count >= 1 && count < SMALL_GROUP_MIN;
}

/** Which buckets of a split to hide, by rules 2 and 3. */
export function hiddenBuckets(counts: Readonly<Record<Bucket, number>>): Set<Bucket> {
	const buckets: Bucket[] = ['group', 'otherDeclared', 'undeclared'];
	const hidden = new Set(buckets.filter((b) => isSmallGroup(counts[b])));
	if (hidden.size !== 1) return hidden;
	const [small] = hidden;
	const partners: Bucket[] =
		small === 'group'
			? ['otherDeclared', 'undeclared']
			: small === 'otherDeclared'
				? ['group', 'undeclared']
				: counts.group <= counts.otherDeclared
					? ['group', 'otherDeclared']
					: ['otherDeclared', 'group'];
	// Hiding a zero would not help (the reader knows hidden means "at least one"); the total is
	// at least 5 here, so some other bucket is non-zero.
	const partner = partners.find((b) => counts[b] > 0);
	if (partner) hidden.add(partner);
	return hidden;
}

interface RawSplit {
	counts: Record<Bucket, number>;
	hidden: Set<Bucket>;
}

function rawSplit(
	members: readonly string[],
	profiles: Map<string, MemberProfile>,
	classify: Classify
): RawSplit {
	const counts: Record<Bucket, number> = { group: 0, otherDeclared: 0, undeclared: 0 };
	for (const id of members) counts[classify(profiles.get(id))] += 1;
	return { counts, hidden: hiddenBuckets(counts) };
}

function shareOf(split: RawSplit, weights?: Record<Bucket, number>): SafeShare {
	if (split.hidden.has('group') || split.hidden.has('otherDeclared')) return HIDDEN;
	const w = weights ?? split.counts;
	const declared = w.group + w.otherDeclared;
	return { suppressed: false, value: declared > 0 ? w.group / declared : null };
}

function safeSplit(split: RawSplit, attendance: SafeShare, tooSmall: boolean): GroupSplit {
	if (tooSmall) {
		return {
			group: HIDDEN,
			otherDeclared: HIDDEN,
			undeclared: HIDDEN,
			share: HIDDEN,
			attendanceShare: attendance
		};
	}
	const cell = (b: Bucket) => (split.hidden.has(b) ? HIDDEN : shown(split.counts[b]));
	return {
		group: cell('group'),
		otherDeclared: cell('otherDeclared'),
		undeclared: cell('undeclared'),
		share: shareOf(split),
		attendanceShare: attendance
	};
}

function activityStats(
	members: readonly string[],
	profiles: Map<string, MemberProfile>,
	attendance: { women: SafeShare; under35: SafeShare } | null
): { stats: ActivityStats; women: RawSplit; under35: RawSplit; tooSmall: boolean } {
	const tooSmall = isSmallGroup(members.length);
	const women = rawSplit(members, profiles, byGender);
	const under35 = rawSplit(members, profiles, byAge);
	const own = {
		women: tooSmall ? HIDDEN : shareOf(women),
		under35: tooSmall ? HIDDEN : shareOf(under35)
	};
	const att = attendance ?? own;
	return {
		stats: {
			total: tooSmall ? HIDDEN : shown(members.length),
			women: safeSplit(women, att.women, tooSmall),
			under35: safeSplit(under35, att.under35, tooSmall)
		},
		women,
		under35,
		tooSmall
	};
}

function speakingTime(
	seconds: Map<string, number>,
	profiles: Map<string, MemberProfile>,
	splits: { women: RawSplit; under35: RawSplit; tooSmall: boolean }
): SpeakingTime {
	if (splits.tooSmall) return { totalSeconds: HIDDEN, womenShare: HIDDEN, under35Share: HIDDEN };
	const weigh = (classify: Classify) => {
		const w: Record<Bucket, number> = { group: 0, otherDeclared: 0, undeclared: 0 };
		for (const [id, s] of seconds) w[classify(profiles.get(id))] += s;
		return w;
	};
	let total = 0;
	for (const s of seconds.values()) total += s;
	return {
		totalSeconds: shown(Math.round(total)),
		womenShare: shareOf(splits.women, weigh(byGender)),
		under35Share: shareOf(splits.under35, weigh(byAge))
	};
}

/** The whole panel. Duplicate ids in the inputs count once; negative or NaN seconds count as 0. */
export function inclusionStats(input: InclusionInput): InclusionStats {
	const profiles = new Map(input.profiles.map((p) => [p.memberId, p]));
	const entries = input.spoke instanceof Map ? [...input.spoke] : Object.entries(input.spoke);
	const seconds = new Map(entries.map(([id, s]) => [id, Number.isFinite(s) && s > 0 ? s : 0]));
	const present = activityStats([...new Set(input.present)], profiles, null);
	const attendance = {
		women: present.stats.women.share,
		under35: present.stats.under35.share
	};
	const spoke = activityStats([...seconds.keys()], profiles, attendance);
	return {
		present: present.stats,
		spoke: { ...spoke.stats, time: speakingTime(seconds, profiles, spoke) },
		voted: activityStats([...new Set(input.voted)], profiles, attendance).stats,
		wrote: activityStats([...new Set(input.wrote)], profiles, attendance).stats
	};
}
