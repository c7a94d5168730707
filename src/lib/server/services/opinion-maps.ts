// The carte des opinions as `app.opinion` (issue #16): maps, statements and their moderation,
// votes, the next statement for a phone, the analysis, promotion of a statement into the charter
// or a plan, and exports. Every method checks access first (opinion-access.ts). Privacy: a
// participant's requests read only their own votes; the analysis carries anonymous points.
import type { User } from '../repositories/users';
import type { OpinionRepository, OpinionStatementRow } from '../repositories/opinion';
import type { OpinionMapRow } from '../db/schema';
import {
	createOpinionMapSchema,
	moderateStatementSchema,
	opinionVoteSchema,
	statementSchema,
	updateOpinionMapSchema
} from '../../domain/opinion-schemas';
import { nextStatementId } from '../../domain/opinion-order';
import type {
	NextStatement,
	OpinionAnalysis,
	OpinionMapDetail,
	OpinionMapSummary,
	StatementStatus,
	StatementView
} from '../../protocol/opinion';
import { ServiceError } from './service-error';
import { validate } from './validate';
import { isUuid, type WorkshopService } from './workshops';
import type { AppEvents } from './app-events';
import { createOpinionAccess, type MapAccess } from './opinion-access';
import { createOpinionRunner } from './opinion-runner';
import { createOpinionPromotion, type PromotionDeps } from './opinion-promote';
import { createOpinionExports } from './opinion-exports';

/** How often a map's analysis may be recomputed (issue #16: at most every 2 s). */
export const ANALYSIS_INTERVAL_MS = 2000;

function refusal(reason: string, code: 'conflict' | 'not_found' = 'conflict') {
	return new ServiceError(code, { params: { reason } });
}

function summary(map: OpinionMapRow, statementCount: number): OpinionMapSummary {
	return {
		id: map.id,
		workshopId: map.workshopId,
		prompt: map.prompt,
		moderation: map.moderation,
		open: map.open,
		createdAt: map.createdAt.toISOString(),
		statementCount
	};
}

type Counts = { agree: number; disagree: number; pass: number };

function statementView(
	row: OpinionStatementRow,
	memberId: string,
	counts: Map<string, Counts> | null
): StatementView {
	return {
		id: row.id,
		text: row.text,
		status: row.status,
		mine: row.authorMemberId === memberId,
		seed: row.seed,
		createdAt: row.createdAt.toISOString(),
		...(counts ? { counts: counts.get(row.id) ?? { agree: 0, disagree: 0, pass: 0 } } : {})
	};
}

/** Where a moderation action leads from each status; missing means refused. */
const MODERATION: Record<string, Partial<Record<StatementStatus, StatementStatus>>> = {
	approve: { pending: 'approved', approved: 'approved' },
	hide: { pending: 'hidden', approved: 'hidden', hidden: 'hidden' },
	unhide: { hidden: 'approved' }
};

export function createOpinionService(
	deps: {
		repo: OpinionRepository;
		workshops: WorkshopService;
		events: AppEvents;
		now?: () => number;
		intervalMs?: number;
	} & Omit<PromotionDeps, 'repo' | 'access'>
) {
	const { repo, events } = deps;
	const now = deps.now ?? Date.now;
	const access = createOpinionAccess(deps.workshops, repo);
	const runner = createOpinionRunner({
		repo,
		now,
		intervalMs: deps.intervalMs ?? ANALYSIS_INTERVAL_MS,
		onComputed: (e) => events.emit('opinion.analysis', e)
	});
	const promotion = createOpinionPromotion({ ...deps, repo, access });
	const exports = createOpinionExports({ repo, access, runner });

	const approvedCount = (rows: readonly OpinionStatementRow[]) =>
		rows.filter((s) => s.status === 'approved').length;

	async function changed(map: OpinionMapRow) {
		const statementCount = approvedCount(await repo.statements(map.id));
		events.emit('opinion.changed', { workshopId: map.workshopId, mapId: map.id, statementCount });
		return statementCount;
	}

	function audit(found: MapAccess, action: string, data: Record<string, unknown>) {
		return repo.audit({
			workshopId: found.workshop.id,
			actor: found.member.userId,
			action,
			subject: found.map.id,
			data
		});
	}

	async function counts(mapId: string): Promise<Map<string, Counts>> {
		const tally = new Map<string, Counts>();
		for (const v of await repo.votes(mapId)) {
			const c = tally.get(v.statementId) ?? { agree: 0, disagree: 0, pass: 0 };
			if (v.vote === 1) c.agree++;
			else if (v.vote === -1) c.disagree++;
			else c.pass++;
			tally.set(v.statementId, c);
		}
		return tally;
	}

	async function progress(found: MapAccess, approved: readonly OpinionStatementRow[]) {
		const voted = await repo.memberVotedIds(found.map.id, found.member.id);
		return {
			voted: approved.filter((s) => voted.has(s.id)).length,
			total: approved.length,
			votedIds: voted
		};
	}

	return {
		async create(user: User | null, workshopId: string, input: unknown) {
			const { workshop, member } = await access.workshop(user, workshopId, 'opinion.create');
			const data = validate(createOpinionMapSchema, input);
			const map = await repo.transaction(async (tx) => {
				const row = await tx.insertMap({
					workshopId: workshop.id,
					prompt: data.prompt,
					moderation: data.moderation ?? 'post',
					createdBy: user!.id
				});
				await tx.insertStatements(
					[...new Set(data.seeds ?? [])].map((text) => ({
						mapId: row.id,
						authorMemberId: member.id,
						text,
						status: 'approved' as const,
						seed: true
					}))
				);
				await tx.audit({
					workshopId: workshop.id,
					actor: user!.id,
					action: 'opinion.create',
					subject: row.id,
					data: { prompt: row.prompt, seeds: data.seeds?.length ?? 0 }
				});
				return row;
			});
			await changed(map);
			return { id: map.id };
		},

		async list(user: User | null, workshopId: string): Promise<OpinionMapSummary[]> {
			const { workshop } = await access.workshop(user, workshopId, 'opinion.list');
			const [maps, approved] = await Promise.all([
				repo.listMaps(workshop.id),
				repo.approvedCounts(workshop.id)
			]);
			return maps.map((m) => summary(m, approved.get(m.id) ?? 0));
		},

		/** Participants see the approved statements and their own pending ones; facilitators all, with counts. */
		async get(user: User | null, mapId: string): Promise<OpinionMapDetail> {
			const found = await access.map(user, mapId, 'opinion.read');
			const rows = await repo.statements(found.map.id);
			const tally = found.facilitator ? await counts(found.map.id) : null;
			const visible = found.facilitator
				? rows
				: rows.filter(
						(s) =>
							s.status === 'approved' ||
							(s.status === 'pending' && s.authorMemberId === found.member.id)
					);
			return {
				...summary(found.map, approvedCount(rows)),
				statements: visible.map((s) => statementView(s, found.member.id, tally))
			};
		},

		async update(user: User | null, mapId: string, input: unknown): Promise<OpinionMapSummary> {
			const found = await access.map(user, mapId, 'opinion.moderate');
			const patch = validate(updateOpinionMapSchema, input);
			const map = await repo.updateMap(found.map.id, patch);
			await audit(found, 'opinion.update', { ...patch });
			return summary(map, await changed(map));
		},

		/**
		 * A statement of 1–140 characters. A facilitator's is approved at once; a participant's
		 * waits under pre-moderation. As in Polis, writing it counts as agreeing with it.
		 */
		async addStatement(user: User | null, mapId: string, input: unknown) {
			const found = await access.map(user, mapId, 'opinion.take_part');
			const { text } = validate(statementSchema, input);
			if (!found.map.open) throw refusal('opinion_closed');
			const status: StatementStatus =
				found.facilitator || found.map.moderation === 'post' ? 'approved' : 'pending';
			const row = await repo.transaction(async (tx) => {
				const [statement] = await tx.insertStatements([
					{ mapId: found.map.id, authorMemberId: found.member.id, text, status, seed: false }
				]);
				await tx.upsertVote(found.map.id, statement.id, found.member.id, 1);
				return statement;
			});
			await changed(found.map);
			if (status === 'approved') runner.changed(found.map.id, found.workshop.id);
			return { statementId: row.id, status };
		},

		/** Approve, hide or unhide; hidden statements are kept (and their votes), and it is audited. */
		async moderate(user: User | null, mapId: string, statementId: string, input: unknown) {
			const found = await access.map(user, mapId, 'opinion.moderate');
			const { action } = validate(moderateStatementSchema, input);
			const row = await findStatement(found, statementId);
			const to = MODERATION[action][row.status];
			if (!to) throw refusal('opinion_moderation_invalid');
			const updated = to === row.status ? row : await repo.setStatus(row.id, to);
			if (to !== row.status) {
				await audit(found, 'opinion.moderate', { statementId, action, from: row.status, to });
				await changed(found.map);
				runner.changed(found.map.id, found.workshop.id);
			}
			return statementView(updated, found.member.id, await counts(found.map.id));
		},

		/** The phone's next statement: not yet voted on, fewest votes first; null when done or closed. */
		async next(user: User | null, mapId: string): Promise<NextStatement | null> {
			const found = await access.map(user, mapId, 'opinion.take_part');
			if (!found.map.open) return null;
			const approved = (await repo.statements(found.map.id)).filter((s) => s.status === 'approved');
			const [mine, votes] = await Promise.all([
				progress(found, approved),
				repo.voteCounts(found.map.id)
			]);
			const id = nextStatementId(
				approved.map((s) => ({ id: s.id, votes: votes.get(s.id) ?? 0 })),
				mine.votedIds,
				found.member.id
			);
			const statement = approved.find((s) => s.id === id);
			if (!statement) return null;
			return {
				statement: { id: statement.id, text: statement.text },
				progress: { voted: mine.voted, total: mine.total }
			};
		},

		/** Idempotent: the member's last vote on a statement wins. */
		async vote(user: User | null, mapId: string, input: unknown) {
			const found = await access.map(user, mapId, 'opinion.take_part');
			const { statementId, vote } = validate(opinionVoteSchema, input);
			if (!found.map.open) throw refusal('opinion_closed');
			const statement = await findStatement(found, statementId);
			if (statement.status !== 'approved') throw refusal('opinion_statement_unavailable');
			await repo.upsertVote(found.map.id, statement.id, found.member.id, vote);
			runner.changed(found.map.id, found.workshop.id);
			// One counting query: a phone votes every few seconds, 300 of them at once.
			return { progress: await repo.progress(found.map.id, found.member.id) };
		},

		/** The map for everyone: anonymous points, the caller's own marked `you`. */
		async analysis(user: User | null, mapId: string): Promise<OpinionAnalysis> {
			const found = await access.map(user, mapId, 'opinion.read');
			const latest = await runner.latest(
				found.map.id,
				found.workshop.id,
				found.map.analysisVersion
			);
			const { result } = latest;
			return {
				mapId: found.map.id,
				version: latest.version,
				computedAt: latest.computedAt,
				participants: result.participants,
				placed: result.placed,
				minVotes: result.minVotes,
				groups: result.groups,
				consensus: result.consensus,
				divisive: result.divisive,
				// Sorted by position, so the order of points carries no member order either.
				points: result.points
					.map((p) => ({
						x: p.x,
						y: p.y,
						group: p.group,
						...(p.memberId === found.member.id ? { you: true as const } : {})
					}))
					.sort((a, b) => a.x - b.x || a.y - b.y)
			};
		},

		promote: promotion.promote,
		exportCsv: exports.csv,
		exportJson: exports.json,
		/** The procès-verbal's section (the report service checked the caller). */
		reportMaps: exports.reportMaps,

		close() {
			runner.close();
		}
	};

	async function findStatement(found: MapAccess, statementId: string) {
		const row = isUuid(statementId)
			? await repo.findStatement(found.map.id, statementId.toLowerCase())
			: null;
		if (!row) throw refusal('opinion_statement_not_found', 'not_found');
		return row;
	}
}

export type OpinionService = ReturnType<typeof createOpinionService>;
