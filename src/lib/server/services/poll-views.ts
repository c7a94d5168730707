// What leaves the server about a poll: the member view (no counts), the results filtered by the
// reveal policy, and the open-data exports once published. Every count goes through
// `resultForViewer`, so a hidden result cannot leak through one of these shapes.
import { csvCell } from '../csv';
import { ballotMethodOf } from '../../domain/ballot-validation';
import { resultForViewer } from '../../domain/poll-state';
import type { PollResult, ViewerRole } from '../../domain/poll-types';
import type { PollResults, PollView, QuartierResults } from '../../protocol/polls';
import { MIN_QUARTIER_TURNOUT } from '../../domain/nomination';
import type { QuartierTally } from './poll-access';
import type { PollEntry } from './poll-cache';

/** Drafts are the facilitators' preparation, except a nomination: members propose in it. */
export function visibleToMembers(entry: PollEntry): boolean {
	return entry.state.status !== 'draft' || entry.config.method === 'nomination';
}

export function pollView(entry: PollEntry, eligible: number, now: number): PollView {
	const { row, state } = entry;
	return {
		id: row.id,
		workshopId: row.workshopId,
		question: row.question,
		method: row.method,
		ballotMethod: ballotMethodOf(entry.config),
		options: entry.options,
		settings: entry.config.settings,
		status: state.status,
		revealed: state.revealed,
		openedAt: state.openedAt,
		closesAt: state.closesAt,
		closedAt: state.closedAt,
		publishedAt: state.publishedAt,
		participation: { voted: entry.tally?.ballots ?? 0, eligible },
		serverNow: now
	};
}

/** Each quartier's contest, through the same visibility rule as the whole poll. */
function quartierResults(
	entry: PollEntry,
	viewer: ViewerRole,
	tallies: QuartierTally
): Record<string, QuartierResults> {
	const { state, config } = entry;
	const visibility = {
		status: state.status,
		revealed: state.revealed,
		reveal: config.settings.reveal
	};
	const out: Record<string, QuartierResults> = {};
	for (const [quartier, { result, eligible }] of Object.entries(tallies)) {
		const visible = resultForViewer(visibility, viewer, result);
		const turnout = eligible >= MIN_QUARTIER_TURNOUT ? { eligible } : {};
		out[quartier] = visible.hidden
			? {
					quartier,
					hidden: true,
					...(visible.totalBallots !== undefined ? { totalBallots: visible.totalBallots } : {}),
					...turnout,
					options: visible.options
				}
			: {
					quartier,
					hidden: false,
					totalBallots: visible.totalBallots,
					...turnout,
					quorumMet: visible.quorumMet,
					winner: visible.winner ?? null,
					options: visible.options,
					...(visible.rounds ? { rounds: visible.rounds } : {})
				};
	}
	return out;
}

export function resultsFor(
	entry: PollEntry,
	viewer: ViewerRole,
	result: PollResult,
	eligible: number,
	byQuartier: QuartierTally | null = null
): PollResults {
	const { row, state, config } = entry;
	const visible = resultForViewer(
		{ status: state.status, revealed: state.revealed, reveal: config.settings.reveal },
		viewer,
		result
	);
	// One contest per quartier: a winner over all quartiers' candidates would mean nothing.
	if (byQuartier && !visible.hidden) {
		delete visible.winner;
		delete visible.rounds;
	}
	const scoped = byQuartier ? { byQuartier: quartierResults(entry, viewer, byQuartier) } : {};
	const common = {
		pollId: row.id,
		question: row.question,
		method: row.method,
		status: state.status,
		secret: config.settings.secret,
		eligible,
		quorum: config.settings.quorum,
		openedAt: state.openedAt,
		closedAt: state.closedAt,
		publishedAt: state.publishedAt,
		...scoped
	};
	// How many came by each channel says no more than the number of ballots: shown with it.
	const channels = {
		...entry.channels,
		room: result.bySource.filter((s) => s.source === 'room').reduce((sum, s) => sum + s.ballots, 0)
	};
	if (visible.hidden) {
		return {
			...common,
			hidden: true,
			...(visible.totalBallots !== undefined
				? { totalBallots: visible.totalBallots, channels }
				: {}),
			options: visible.options
		};
	}
	return {
		...common,
		hidden: false,
		totalBallots: visible.totalBallots,
		quorumMet: visible.quorumMet,
		...(visible.winner !== undefined ? { winner: visible.winner } : {}),
		...(visible.adopted !== undefined ? { adopted: visible.adopted } : {}),
		...(visible.majorityMet !== undefined ? { majorityMet: visible.majorityMet } : {}),
		...(visible.expressed !== undefined ? { expressed: visible.expressed } : {}),
		options: visible.options,
		...(visible.rounds ? { rounds: visible.rounds } : {}),
		bySource: visible.bySource,
		channels
	};
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Open data: counts per option and per source, method, quorum and times; never a voter. */
export function openDataJson(entry: PollEntry, results: PollResults) {
	const { row, config } = entry;
	return {
		poll: {
			id: row.id,
			question: row.question,
			method: row.method,
			secret: config.settings.secret,
			reveal: config.settings.reveal,
			quorum: config.settings.quorum,
			requiredMajority: config.settings.requiredMajority,
			rankedMethod: config.settings.rankedMethod,
			openedAt: iso(results.openedAt),
			closedAt: iso(results.closedAt),
			publishedAt: iso(results.publishedAt)
		},
		eligible: results.eligible,
		totalBallots: results.totalBallots ?? 0,
		quorumMet: results.quorumMet ?? false,
		winner: results.winner ?? null,
		...(results.adopted !== undefined ? { adopted: results.adopted } : {}),
		options: results.options,
		sources: (results.bySource ?? []).map((s) => ({
			id: s.id,
			source: s.source,
			label: s.label ?? null,
			enteredBy: s.enteredBy ?? null,
			ballots: s.ballots,
			counts: s.counts
		})),
		...(results.rounds ? { rounds: results.rounds } : {}),
		...(results.byQuartier ? { byQuartier: results.byQuartier } : {})
	};
}

/** One row per source and option, plus the totals: what a spreadsheet or a journalist needs. */
export function openDataCsv(entry: PollEntry, results: PollResults): string {
	const header = [
		'poll_id',
		'question',
		'method',
		'source',
		'source_label',
		'entered_by',
		'source_ballots',
		'option_id',
		'option_label',
		'count',
		'published_at'
	];
	const labels = new Map(results.options.map((o) => [o.id, o.label]));
	const lines = [header.join(',')];
	const published = iso(results.publishedAt);
	const row = (
		source: string,
		label: string | null,
		enteredBy: string | null,
		ballots: number,
		optionId: string,
		count: number
	) =>
		[
			csvCell(entry.row.id),
			csvCell(entry.row.question),
			csvCell(entry.row.method),
			csvCell(source),
			csvCell(label),
			csvCell(enteredBy),
			ballots,
			csvCell(optionId),
			csvCell(labels.get(optionId) ?? ''),
			count,
			csvCell(published)
		].join(',');
	for (const s of results.bySource ?? [])
		for (const o of results.options)
			lines.push(
				row(s.source, s.label ?? null, s.enteredBy ?? null, s.ballots, o.id, s.counts[o.id] ?? 0)
			);
	for (const o of results.options)
		lines.push(row('total', null, null, results.totalBallots ?? 0, o.id, o.count ?? 0));
	// Scoped nominations: each quartier's contest, its own candidates only.
	for (const q of Object.values(results.byQuartier ?? {}))
		for (const o of q.options)
			lines.push(row('quartier', q.quartier, null, q.totalBallots ?? 0, o.id, o.count ?? 0));
	return lines.join('\r\n') + '\r\n';
}
