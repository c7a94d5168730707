// The opinion map's analysis (issue #16, method in docs/opinion-map.md): who is placed, the
// groups, what characterises each group, what every group agrees on (consensus) and what splits
// them (divisive). Pure: the service feeds it the votes and keeps `memory` for the next run.
// The result names members only in `points[].memberId`; the service keeps that to itself.
import {
	MIN_VOTES_TO_PLACE,
	type GroupView,
	type OpinionVote,
	type StatementScore
} from '../protocol/opinion';
import { hiddenBuckets, isSmallGroup, type MemberProfile } from './inclusion-stats';
import { isUnder35 } from './profile';
import {
	cluster,
	groupLabel,
	matchGroupIds,
	project,
	type Axes,
	type VoteRow
} from './opinion-projection';

export interface AnalysisVote {
	memberId: string;
	statementId: string;
	vote: OpinionVote;
}

/** What one run leaves for the next, so groups keep their ids and the map its orientation. */
export interface AnalysisMemory {
	groups: { id: number; members: string[] }[];
	axes: Axes | null;
	k: number | null;
}

export interface AnalysisInput {
	/** The statements voted on (approved), oldest first. */
	statements: readonly { id: string; text: string }[];
	votes: readonly AnalysisVote[];
	profiles?: readonly MemberProfile[];
	memory?: AnalysisMemory | null;
	minVotes?: number;
}

export interface ComputedAnalysis {
	participants: number;
	placed: number;
	minVotes: number;
	groups: GroupView[];
	consensus: StatementScore[];
	divisive: StatementScore[];
	points: { memberId: string; x: number; y: number; group: number }[];
	memory: AnalysisMemory;
}

/** Consensus: at least this share of every group with enough votes agrees… */
export const CONSENSUS_SHARE = 0.6;
/** …a group has enough votes on a statement when this many of its members (or all) voted… */
export const GROUP_MIN_VOTERS = 3;
/** …and the room's agreement is above one half beyond chance (Wilson lower bound, 95 % one-sided). */
const Z = 1.645;
/** A divisive statement: agreement differs between groups by at least this much. */
export const DIVISIVE_GAP = 0.3;
export const REPRESENTATIVE_MAX = 5;
export const CONSENSUS_MAX = 10;
export const DIVISIVE_MAX = 5;

interface Tally {
	agree: number;
	disagree: number;
	pass: number;
	voters: number;
}

const empty = (): Tally => ({ agree: 0, disagree: 0, pass: 0, voters: 0 });

function add(t: Tally, vote: number) {
	t.voters++;
	if (vote === 1) t.agree++;
	else if (vote === -1) t.disagree++;
	else t.pass++;
}

const share = (n: number, of: number) => (of > 0 ? n / of : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Lower bound of the Wilson interval of a proportion. */
export function wilsonLower(successes: number, n: number): number {
	if (n === 0) return 0;
	const p = successes / n;
	const z2 = Z * Z;
	const centre = p + z2 / (2 * n);
	const margin = Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return (centre - margin) / (1 + z2 / n);
}

export function computeAnalysis(input: AnalysisInput): ComputedAnalysis {
	const statementIds = input.statements.map((s) => s.id);
	const column = new Map(statementIds.map((id, j) => [id, j]));
	const text = new Map(input.statements.map((s) => [s.id, s.text]));
	const byMember = new Map<string, Map<number, number>>();
	for (const v of input.votes) {
		const j = column.get(v.statementId);
		if (j === undefined) continue;
		let cells = byMember.get(v.memberId);
		if (!cells) byMember.set(v.memberId, (cells = new Map()));
		cells.set(j, v.vote);
	}
	const minVotes = Math.max(1, Math.min(input.minVotes ?? MIN_VOTES_TO_PLACE, statementIds.length));
	// Sorted ids: the same votes give the same rows, hence the same map, whatever the order read.
	const members = [...byMember.keys()].sort();
	const placedIds = members.filter((m) => byMember.get(m)!.size >= minVotes);
	const rows: VoteRow[] = placedIds.map((memberId) => {
		const cells = new Array<number>(statementIds.length).fill(0);
		const votes = byMember.get(memberId)!;
		for (const [j, vote] of votes) cells[j] = vote;
		return { memberId, cells, voted: votes.size };
	});

	const memory = input.memory ?? null;
	const { points, axes } = project(rows, statementIds, memory?.axes ?? null);
	const clustering = cluster(points, memory?.k ?? null);
	const clusterMembers: string[][] = Array.from({ length: clustering.k }, () => []);
	clustering.labels.forEach((c, i) => clusterMembers[c].push(placedIds[i]));
	const ids = rows.length > 0 ? matchGroupIds(clusterMembers, memory?.groups ?? []) : [];
	const groupOf = new Map<string, number>();
	clustering.labels.forEach((c, i) => groupOf.set(placedIds[i], ids[c]));
	const groupIds = [...ids].sort((a, b) => a - b);

	// Tallies per statement: over every voter, and per group over its placed members.
	const overall = statementIds.map(empty);
	const perGroup = new Map(groupIds.map((g) => [g, statementIds.map(empty)]));
	for (const [memberId, votes] of byMember) {
		const g = groupOf.get(memberId);
		for (const [j, vote] of votes) {
			add(overall[j], vote);
			if (g !== undefined) add(perGroup.get(g)![j], vote);
		}
	}
	const sizes = new Map(groupIds.map((g) => [g, 0]));
	for (const g of groupOf.values()) sizes.set(g, sizes.get(g)! + 1);

	const score = (j: number): StatementScore => {
		const t = overall[j];
		return {
			statementId: statementIds[j],
			text: text.get(statementIds[j]) ?? '',
			agree: round3(share(t.agree, t.voters)),
			disagree: round3(share(t.disagree, t.voters)),
			pass: round3(share(t.pass, t.voters)),
			byGroup: groupIds.map((g) => {
				const gt = perGroup.get(g)![j];
				return {
					group: g,
					agree: round3(share(gt.agree, gt.voters)),
					disagree: round3(share(gt.disagree, gt.voters)),
					voters: gt.voters
				};
			})
		};
	};
	const enough = (g: number, j: number) =>
		perGroup.get(g)![j].voters >= Math.min(GROUP_MIN_VOTERS, sizes.get(g)!);

	const consensus: { j: number; strength: number }[] = [];
	const divisive: { j: number; gap: number }[] = [];
	statementIds.forEach((_, j) => {
		const judged = groupIds.filter((g) => perGroup.get(g)![j].voters > 0 && enough(g, j));
		if (judged.length === 0) return;
		const agreeShares = judged.map((g) =>
			share(perGroup.get(g)![j].agree, perGroup.get(g)![j].voters)
		);
		const lowest = Math.min(...agreeShares);
		const t = overall[j];
		if (lowest >= CONSENSUS_SHARE && wilsonLower(t.agree, t.voters) > 0.5) {
			consensus.push({ j, strength: lowest });
			return;
		}
		const gap = judged.length >= 2 ? Math.max(...agreeShares) - lowest : balance(t);
		if (gap >= DIVISIVE_GAP) divisive.push({ j, gap });
	});
	consensus.sort((a, b) => b.strength - a.strength || a.j - b.j);
	divisive.sort((a, b) => b.gap - a.gap || a.j - b.j);

	const profiles = new Map((input.profiles ?? []).map((p) => [p.memberId, p]));
	const groups: GroupView[] = groupIds.map((g) => {
		const own = perGroup.get(g)!;
		const groupMembers = placedIds.filter((m) => groupOf.get(m) === g);
		return {
			id: g,
			size: sizes.get(g)!,
			label: groupLabel(g),
			representative: representative(own, overall, statementIds, text),
			inclusion: inclusion(groupMembers, profiles)
		};
	});

	return {
		participants: members.length,
		placed: placedIds.length,
		minVotes,
		groups,
		consensus: consensus.slice(0, CONSENSUS_MAX).map((c) => score(c.j)),
		divisive: divisive.slice(0, DIVISIVE_MAX).map((d) => score(d.j)),
		points: placedIds.map((memberId, i) => ({
			memberId,
			x: round3(points[i][0]),
			y: round3(points[i][1]),
			group: groupOf.get(memberId)!
		})),
		memory: {
			groups: groupIds.map((g) => ({
				id: g,
				members: placedIds.filter((m) => groupOf.get(m) === g)
			})),
			axes: Object.keys(axes).length > 0 ? axes : (memory?.axes ?? null),
			k: clustering.k
		}
	};
}

/** A single group split down the middle: 1 when agree and disagree are even, 0 when one-sided. */
function balance(t: Tally): number {
	if (t.voters === 0) return 0;
	return (2 * Math.min(t.agree, t.disagree)) / t.voters;
}

/**
 * Polis' representativeness: how much likelier the group is to agree (or disagree) than the rest
 * of the room, with a +1/+2 prior so that two votes do not make a statement « typical ». Only
 * statements most of the group leans to in that direction; strongest first.
 */
function representative(
	own: readonly Tally[],
	overall: readonly Tally[],
	statementIds: readonly string[],
	text: ReadonlyMap<string, string>
): GroupView['representative'] {
	const found: { j: number; direction: 'agree' | 'disagree'; rank: number }[] = [];
	own.forEach((t, j) => {
		if (t.voters === 0) return;
		const rest: Tally = {
			agree: overall[j].agree - t.agree,
			disagree: overall[j].disagree - t.disagree,
			pass: overall[j].pass - t.pass,
			voters: overall[j].voters - t.voters
		};
		for (const direction of ['agree', 'disagree'] as const) {
			const p = (1 + t[direction]) / (2 + t.voters);
			const q = (1 + rest[direction]) / (2 + rest.voters);
			if (share(t[direction], t.voters) > 0.5 && p > q) {
				found.push({ j, direction, rank: (p / q) * p });
			}
		}
	});
	found.sort((a, b) => b.rank - a.rank || a.j - b.j);
	return found.slice(0, REPRESENTATIVE_MAX).map(({ j, direction }) => {
		const t = own[j];
		return {
			statementId: statementIds[j],
			text: text.get(statementIds[j]) ?? '',
			agree: round3(share(t.agree, t.voters)),
			disagree: round3(share(t.disagree, t.voters)),
			pass: round3(share(t.pass, t.voters)),
			direction
		};
	});
}

/**
 * Women and under-35s in a group, with the inclusion panel's suppression: a group of 1–4 shows
 * nothing but its size, a count of 1–4 shows « < 5 », and a count is also hidden when the rest
 * of its split would give it back (src/lib/domain/inclusion-stats.ts, rules 1–3).
 */
function inclusion(
	memberIds: readonly string[],
	profiles: ReadonlyMap<string, MemberProfile>
): GroupView['inclusion'] {
	const size = memberIds.length;
	const split = (
		inGroup: (p: MemberProfile) => boolean,
		declared: (p: MemberProfile) => boolean
	) => {
		const counts = { group: 0, otherDeclared: 0, undeclared: 0 };
		for (const id of memberIds) {
			const p = profiles.get(id);
			if (!p || !declared(p)) counts.undeclared++;
			else if (inGroup(p)) counts.group++;
			else counts.otherDeclared++;
		}
		const hidden = isSmallGroup(size) || hiddenBuckets(counts).has('group');
		return hidden ? ('<5' as const) : counts.group;
	};
	return {
		women: split(
			(p) => p.gender === 'woman',
			(p) => p.gender != null
		),
		under35: split(
			(p) => isUnder35(p.ageBracket),
			(p) => p.ageBracket != null
		),
		size
	};
}
