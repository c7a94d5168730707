// The opinion map's exports (facilitators): every statement with its agree / disagree / pass
// counts, overall and per opinion group, as CSV (open data: fixed English column names, like the
// other CSV exports) or JSON; and the maps as the procès-verbal prints them. Counts only, never
// who voted what.
import type { User } from '../repositories/users';
import type { OpinionRepository } from '../repositories/opinion';
import type { OpinionMapRow } from '../db/schema';
import { csvRows } from '../csv';
import { groupLabel } from '../../domain/opinion-projection';
import type { ComputedAnalysis } from '../../domain/opinion-analysis';
import type { GroupView, StatementScore, StatementStatus } from '../../protocol/opinion';
import type { OpinionAccess } from './opinion-access';
import type { OpinionRunner } from './opinion-runner';

type Count = { agree: number; disagree: number; pass: number };

export interface StatementExport {
	id: string;
	text: string;
	status: StatementStatus;
	seed: boolean;
	createdAt: string;
	counts: Count;
	/** Per opinion group (placed members only). */
	groups: ({ group: number; label: string } & Count)[];
	consensus: boolean;
	divisive: boolean;
	promotions: { kind: string; id: string; documentId: string }[];
}

export interface OpinionExport {
	map: { id: string; prompt: string; moderation: 'pre' | 'post'; open: boolean; createdAt: string };
	analysis: {
		version: number;
		computedAt: string;
		participants: number;
		placed: number;
		minVotes: number;
		groups: GroupView[];
	};
	statements: StatementExport[];
}

/** What the procès-verbal prints of one map. */
export interface ReportOpinionMap {
	prompt: string;
	participants: number;
	placed: number;
	statements: number;
	groups: GroupView[];
	consensus: StatementScore[];
	divisive: StatementScore[];
	/** Anonymous positions in [-1, 1], for the map drawn in the report. */
	points: { x: number; y: number; group: number }[];
}

export function createOpinionExports(deps: {
	repo: OpinionRepository;
	access: OpinionAccess;
	runner: OpinionRunner;
}) {
	const { repo, access, runner } = deps;

	async function build(map: OpinionMapRow): Promise<OpinionExport> {
		const [statements, votes, latest] = await Promise.all([
			repo.statements(map.id),
			repo.votes(map.id),
			runner.latest(map.id, map.workshopId, map.analysisVersion)
		]);
		const result: ComputedAnalysis = latest.result;
		const groupOf = new Map(result.points.map((p) => [p.memberId, p.group]));
		const groupIds = result.groups.map((g) => g.id);
		const zero = (): Count => ({ agree: 0, disagree: 0, pass: 0 });
		const tallies = new Map(
			statements.map((s) => [
				s.id,
				{ all: zero(), groups: new Map(groupIds.map((g) => [g, zero()])) }
			])
		);
		const key = (vote: number) => (vote === 1 ? 'agree' : vote === -1 ? 'disagree' : 'pass');
		for (const v of votes) {
			const t = tallies.get(v.statementId);
			if (!t) continue;
			t.all[key(v.vote)]++;
			const g = groupOf.get(v.memberId);
			const gt = g === undefined ? undefined : t.groups.get(g);
			if (gt) gt[key(v.vote)]++;
		}
		const consensus = new Set(result.consensus.map((c) => c.statementId));
		const divisive = new Set(result.divisive.map((c) => c.statementId));
		return {
			map: {
				id: map.id,
				prompt: map.prompt,
				moderation: map.moderation,
				open: map.open,
				createdAt: map.createdAt.toISOString()
			},
			analysis: {
				version: latest.version,
				computedAt: latest.computedAt,
				participants: result.participants,
				placed: result.placed,
				minVotes: result.minVotes,
				groups: result.groups
			},
			statements: statements.map((s) => {
				const t = tallies.get(s.id)!;
				return {
					id: s.id,
					text: s.text,
					status: s.status,
					seed: s.seed,
					createdAt: s.createdAt.toISOString(),
					counts: t.all,
					groups: groupIds.map((g) => ({ group: g, label: groupLabel(g), ...t.groups.get(g)! })),
					consensus: consensus.has(s.id),
					divisive: divisive.has(s.id),
					promotions: s.promotions
				};
			})
		};
	}

	return {
		async json(user: User | null, mapId: string): Promise<OpinionExport> {
			const found = await access.map(user, mapId, 'opinion.export');
			return build(found.map);
		},

		async csv(user: User | null, mapId: string): Promise<string> {
			const found = await access.map(user, mapId, 'opinion.export');
			const data = await build(found.map);
			const labels = data.analysis.groups.map((g) => g.label);
			const header = [
				'statement_id',
				'text',
				'status',
				'seed',
				'consensus',
				'divisive',
				'agree',
				'disagree',
				'pass',
				...labels.flatMap((l) => [`group_${l}_agree`, `group_${l}_disagree`, `group_${l}_pass`])
			];
			const rows = data.statements.map((s) => [
				s.id,
				s.text,
				s.status,
				s.seed ? 1 : 0,
				s.consensus ? 1 : 0,
				s.divisive ? 1 : 0,
				s.counts.agree,
				s.counts.disagree,
				s.counts.pass,
				...s.groups.flatMap((g) => [g.agree, g.disagree, g.pass])
			]);
			return csvRows([header, ...rows]);
		},

		/** Every map of a workshop for the procès-verbal; the report service checked the caller. */
		async reportMaps(workshopId: string): Promise<ReportOpinionMap[]> {
			const maps = await repo.listMaps(workshopId);
			const out: ReportOpinionMap[] = [];
			for (const map of maps) {
				const [statements, latest] = await Promise.all([
					repo.statements(map.id),
					runner.latest(map.id, map.workshopId, map.analysisVersion)
				]);
				const { result } = latest;
				if (result.participants === 0) continue;
				out.push({
					prompt: map.prompt,
					participants: result.participants,
					placed: result.placed,
					statements: statements.filter((s) => s.status === 'approved').length,
					groups: result.groups,
					consensus: result.consensus,
					divisive: result.divisive,
					points: result.points.map(({ x, y, group }) => ({ x, y, group }))
				});
			}
			return out;
		}
	};
}
