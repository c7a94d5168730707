// The carte des opinions in the procès-verbal: per map, the prompt, how many took part, the map
// itself (drawn in the PDF; a sentence instead when nobody is placed yet), the groups (size, women
// and under-35s with the panel's « < 5 »), the consensus statements with each group's agreement,
// and the divisive ones. Pure, like compose.ts.
import type { ReportItem } from './report-model';
import type { ReportOpinionMap } from '../services/opinion-exports';

type T = (key: string, params?: Record<string, unknown>) => string;

export function opinionMapItems(
	map: ReportOpinionMap,
	t: T,
	percent: (ratio: number) => string
): ReportItem[] {
	const label = new Map(map.groups.map((g) => [g.id, g.label]));
	const count = (value: number | '<5') =>
		value === '<5' ? t('agenda_inclusion_suppressed') : String(value);
	const byGroup = (s: ReportOpinionMap['consensus'][number]) =>
		s.byGroup
			.map((g) =>
				t('report_opinion_group_share', {
					group: label.get(g.group) ?? '?',
					share: percent(g.agree)
				})
			)
			.join(' · ');
	const items: ReportItem[] = [
		{ kind: 'subheading', text: map.prompt, keepWith: map.points.length > 0 ? 2 : 1 },
		{
			kind: 'paragraph',
			text: [
				t('report_opinion_voters', { count: map.participants }),
				t('report_opinion_placed', { count: map.placed }),
				t('report_opinion_statements', { count: map.statements })
			].join(' · ')
		}
	];
	// Nobody placed: no groups, so no consensus either; the sentence says why.
	if (map.points.length === 0) {
		items.push({ kind: 'paragraph', text: t('report_opinion_map_empty'), muted: true });
		return items;
	}
	items.push({
		kind: 'opinionMap',
		points: map.points,
		groups: map.groups.map((g) => ({
			id: g.id,
			label: g.label,
			legend: t('report_opinion_legend', { group: g.label, count: g.size })
		})),
		caption: t('report_opinion_map_reading')
	});
	if (map.groups.length > 0)
		items.push({
			kind: 'table',
			header: [
				t('report_opinion_col_group'),
				t('report_opinion_col_size'),
				t('report_opinion_col_women'),
				t('report_opinion_col_under35'),
				t('report_opinion_col_typical')
			],
			widths: [6, 9, 7, 8, 30],
			rows: map.groups.map((g) => [
				g.label,
				String(g.size),
				count(g.inclusion.women),
				count(g.inclusion.under35),
				g.representative
					.slice(0, 3)
					.map((r) =>
						t(
							r.direction === 'agree'
								? 'report_opinion_typical_agree'
								: 'report_opinion_typical_disagree',
							{
								text: r.text,
								share: percent(r.direction === 'agree' ? r.agree : r.disagree)
							}
						)
					)
					.join('\n')
			])
		});
	/** The consensus and divisive tables: the same columns, the statements' shares. */
	const statementTable = (statements: ReportOpinionMap['consensus']): ReportItem => ({
		kind: 'table',
		header: [
			t('report_opinion_col_statement'),
			t('report_opinion_col_agree'),
			t('report_opinion_col_groups')
		],
		widths: [30, 8, 18],
		rows: statements.map((s) => [s.text, percent(s.agree), byGroup(s)])
	});
	items.push({ kind: 'minorheading', text: t('report_opinion_consensus') });
	if (map.consensus.length === 0)
		items.push({ kind: 'paragraph', text: t('report_opinion_consensus_none'), muted: true });
	else items.push(statementTable(map.consensus));
	if (map.divisive.length > 0)
		items.push(
			{ kind: 'minorheading', text: t('report_opinion_divisive') },
			statementTable(map.divisive)
		);
	return items;
}
