// Lays out the workshop report: from the gathered facts (ReportData) to headings, paragraphs and
// tables with every label in the report's language. Pure; the writers only draw what this says.
import { formatDate } from '../../domain/locale-format';
import { ROUND_KIND_MESSAGE_KEYS } from '../../domain/agenda';
import type { ActivityStats, SafeCount, SafeShare } from '../../domain/inclusion-stats';
import { ACTIVITIES, SUPPRESSED_MESSAGE_KEY } from '../../domain/inclusion-stats';
import type { PollResults } from '../../protocol/polls';
import { translate, type Locale } from '../i18n';
import type { ReportData, ReportDocument, ReportItem, ReportPlan } from './report-model';
import { consolidatedItems } from '../charter/consolidated-layout';
import { opinionMapItems } from './opinion-layout';

const ACTIVITY_KEYS = {
	present: 'agenda_inclusion_present',
	spoke: 'agenda_inclusion_spoke',
	voted: 'agenda_inclusion_voted',
	wrote: 'agenda_inclusion_wrote'
} as const;

export function composeReport(data: ReportData): ReportDocument {
	const { locale } = data;
	const t = (key: string, params: Record<string, unknown> = {}) => translate(key, locale, params);
	const date = (ms: number) => formatDate(ms, locale);
	const time = (ms: number | null) =>
		ms === null
			? t('report_agenda_not_run')
			: pdfSafe(
					new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(ms)
				);
	const minutes = (seconds: number) => t('report_minutes', { minutes: Math.round(seconds / 60) });
	const number = (n: number, digits = 0) => pdfSafe(formatNumber(n, locale, digits));
	const percent = (ratio: number) =>
		pdfSafe(new Intl.NumberFormat(locale, { style: 'percent' }).format(ratio));

	const place = [data.workshop.commune, data.workshop.quartier].filter(Boolean).join(', ');
	const dateLabel = date(data.workshop.date);
	const items: ReportItem[] = [
		{ kind: 'paragraph', text: t('report_date', { date: dateLabel }) },
		{
			kind: 'paragraph',
			text: place ? t('report_place', { place }) : t('report_place_unknown')
		},
		{
			kind: 'paragraph',
			text: t('report_generated', { date: date(data.generatedAt) }),
			muted: true
		}
	];

	items.push({ kind: 'heading', text: t('report_agenda_title') });
	if (data.rounds.length === 0) items.push({ kind: 'paragraph', text: t('report_agenda_empty') });
	else {
		items.push({
			kind: 'table',
			header: [
				'#',
				t('report_agenda_col_round'),
				t('report_agenda_col_kind'),
				t('report_agenda_col_planned'),
				t('report_agenda_col_start'),
				t('report_agenda_col_end'),
				t('report_agenda_col_actual')
			],
			widths: [3, 22, 12, 8, 8, 8, 10],
			rows: data.rounds.map((round, i) => [
				String(i + 1),
				round.title,
				t(ROUND_KIND_MESSAGE_KEYS[round.kind]),
				minutes(round.durationSeconds),
				time(round.startedAt),
				time(round.endedAt),
				round.startedAt !== null && round.endedAt !== null
					? minutes((round.endedAt - round.startedAt) / 1000)
					: t('report_agenda_not_run')
			])
		});
		items.push({ kind: 'paragraph', text: t('report_agenda_times_note'), muted: true });
	}

	items.push({ kind: 'heading', text: t('report_attendance_title') });
	const count = (c: SafeCount) => (c.suppressed ? t(SUPPRESSED_MESSAGE_KEY) : number(c.value));
	const share = (s: SafeShare) =>
		s.suppressed || s.value === null ? '' : ` (${percent(s.value)})`;
	const groupCell = (stats: ActivityStats, group: 'women' | 'under35') =>
		count(stats[group].group) + share(stats[group].share);
	items.push({
		kind: 'table',
		header: [
			t('agenda_inclusion_activity'),
			t('agenda_inclusion_total'),
			t('agenda_inclusion_women'),
			t('agenda_inclusion_under35')
		],
		widths: [16, 8, 12, 12],
		rows: ACTIVITIES.map((activity) => {
			const stats = data.attendance[activity];
			return [
				t(ACTIVITY_KEYS[activity]),
				count(stats.total),
				groupCell(stats, 'women'),
				groupCell(stats, 'under35')
			];
		})
	});
	items.push(
		{ kind: 'paragraph', text: t('report_attendance_note'), muted: true },
		{ kind: 'paragraph', text: t('agenda_inclusion_suppressed_note'), muted: true },
		{ kind: 'paragraph', text: t('agenda_inclusion_self_declared_note'), muted: true }
	);

	items.push({ kind: 'heading', text: t('report_decisions_title') });
	if (data.decisions.length === 0)
		items.push({ kind: 'paragraph', text: t('report_decisions_empty') });
	for (const poll of data.decisions) items.push(...decision(poll, t, number));

	items.push({ kind: 'heading', text: t('report_charter_title') });
	if (data.charters.length === 0)
		items.push({ kind: 'paragraph', text: t('report_charter_empty') });
	for (const charter of data.charters) {
		if (charter.consolidated && charter.consolidated.articles.length > 0) {
			// Adopted article by article: the articles with their votes and the amendments table.
			items.push(
				{ kind: 'subheading', text: charter.title },
				{ kind: 'paragraph', text: t('report_charter_consolidated'), muted: true },
				...consolidatedItems(charter.consolidated, t, 'report')
			);
			continue;
		}
		const source =
			charter.source.kind === 'locked'
				? t('report_charter_locked')
				: charter.source.kind === 'version'
					? t('report_charter_version', {
							name: charter.source.name,
							date: date(charter.source.createdAt)
						})
					: t('report_charter_live');
		items.push(
			{ kind: 'subheading', text: charter.title },
			{ kind: 'paragraph', text: source, muted: true },
			{ kind: 'blocks', blocks: charter.blocks }
		);
	}

	items.push({ kind: 'heading', text: t('report_plan_title') });
	if (data.plans.length === 0) items.push({ kind: 'paragraph', text: t('report_plan_empty') });
	for (const plan of data.plans) items.push(...planSummary(plan, t, number));

	if (data.opinionMaps && data.opinionMaps.length > 0) {
		// The title goes over with the first map's prompt, its counts and its drawing.
		items.push({ kind: 'heading', text: t('report_opinion_title'), keepWith: 3 });
		for (const map of data.opinionMaps) items.push(...opinionMapItems(map, t, percent));
	}

	items.push({ kind: 'heading', text: t('report_documents_title') });
	if (data.documents.length === 0)
		items.push({ kind: 'paragraph', text: t('report_documents_empty') });
	else
		items.push({
			kind: 'table',
			header: [
				t('report_documents_col_title'),
				t('report_documents_col_kind'),
				t('report_documents_col_state')
			],
			widths: [30, 12, 12],
			rows: data.documents.map((d) => [
				d.title,
				t(`collab_kind_${d.kind}`),
				[
					d.locked ? t('report_document_locked') : t('report_document_open'),
					...(d.published ? [t('report_document_published')] : [])
				].join(', ')
			])
		});

	return {
		title: t('report_title', { workshop: data.workshop.title }),
		header: [data.workshop.title, place, dateLabel].filter(Boolean).join(' · '),
		items
	};
}

type T = (key: string, params?: Record<string, unknown>) => string;
type NumberFormat = (n: number, digits?: number) => string;

function decision(poll: PollResults, t: T, number: NumberFormat): ReportItem[] {
	const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
	const outcome =
		poll.method === 'consent' && poll.adopted !== undefined
			? t(poll.adopted ? 'report_decision_adopted' : 'report_decision_not_adopted')
			: poll.winner
				? t('report_decision_winner', { label: label(poll.winner) })
				: t('report_decision_no_winner');
	const withPoints = poll.options.some((o) => o.points !== undefined);
	const items: ReportItem[] = [
		{ kind: 'subheading', text: poll.question },
		{
			kind: 'paragraph',
			text: [
				t('report_decision_method', { method: t(`vote_method_${poll.method}`) }),
				t('report_decision_turnout', {
					voted: number(poll.totalBallots ?? 0),
					eligible: number(poll.eligible)
				})
			].join(' · ')
		},
		{ kind: 'paragraph', text: outcome }
	];
	if (poll.quorumMet === false)
		items.push({ kind: 'paragraph', text: t('report_decision_quorum_missed') });
	items.push({
		kind: 'table',
		header: [
			t('report_decision_col_option'),
			t('report_decision_col_count'),
			...(withPoints ? [t('report_decision_col_points')] : []),
			t('report_decision_col_rank')
		],
		widths: withPoints ? [24, 8, 8, 6] : [24, 8, 6],
		rows: poll.options.map((o) => [
			o.label,
			o.count === undefined ? '' : number(o.count),
			...(withPoints ? [o.points === undefined ? '' : number(o.points, 1)] : []),
			o.rank === undefined ? '' : String(o.rank)
		])
	});
	return items;
}

function planSummary(plan: ReportPlan, t: T, number: NumberFormat): ReportItem[] {
	const money = (byCurrency: Record<string, number>) =>
		Object.entries(byCurrency)
			.map(([currency, amount]) => `${number(amount)} ${currency}`)
			.join(' + ') || '0';
	const rows = Object.entries(plan.totals.byAxis)
		.sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
		.map(([axis, byCurrency]) => [axis || t('report_plan_no_axis'), money(byCurrency)]);
	rows.push([t('report_plan_total'), money(plan.totals.total)]);
	const items: ReportItem[] = [
		{ kind: 'subheading', text: plan.title },
		{
			kind: 'paragraph',
			text: [
				t(`report_plan_status_${plan.status ?? 'draft'}`),
				t('report_plan_actions', { count: plan.actions.length })
			].join(' · ')
		},
		{ kind: 'paragraph', text: t(`report_plan_basis_${plan.basis}`), muted: true },
		{
			kind: 'table',
			header: [t('report_plan_col_axis'), t('report_plan_col_budget')],
			widths: [24, 14],
			rows
		}
	];
	if (plan.totals.withoutBudget > 0)
		items.push({
			kind: 'paragraph',
			text: t('report_plan_without_budget', { count: plan.totals.withoutBudget })
		});
	return items;
}

function formatNumber(n: number, locale: Locale, digits: number): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/**
 * French number formatting groups digits with U+202F, which the standard PDF fonts (WinAnsi)
 * cannot draw; U+00A0 looks the same and is in WinAnsi.
 */
function pdfSafe(text: string): string {
	return text.replace(/\u202f/g, '\u00a0');
}
