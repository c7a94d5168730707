// The carte des opinions in the procès-verbal: per map, the prompt, how many took part, the
// groups (size, women and under-35s with the panel's « < 5 »), the consensus statements with
// each group's agreement, and the divisive ones. Pure, like compose.ts.
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
		{ kind: 'subheading', text: map.prompt, keepWith: 2 },
		{
			kind: 'paragraph',
			text: [
				t('report_opinion_voters', { count: map.participants }),
				t('report_opinion_placed', { count: map.placed }),
				t('report_opinion_statements', { count: map.statements })
			].join(' · ')
		}
	];
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
			widths: [6, 6, 6, 6, 30],
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
	items.push({ kind: 'minorheading', text: t('report_opinion_consensus') });
	if (map.consensus.length === 0)
		items.push({ kind: 'paragraph', text: t('report_opinion_consensus_none'), muted: true });
	else
		items.push({
			kind: 'table',
			header: [
				t('report_opinion_col_statement'),
				t('report_opinion_col_agree'),
				t('report_opinion_col_groups')
			],
			widths: [30, 8, 18],
			rows: map.consensus.map((s) => [s.text, percent(s.agree), byGroup(s)])
		});
	if (map.divisive.length > 0) {
		items.push({ kind: 'minorheading', text: t('report_opinion_divisive') });
		items.push({
			kind: 'table',
			header: [
				t('report_opinion_col_statement'),
				t('report_opinion_col_agree'),
				t('report_opinion_col_groups')
			],
			widths: [30, 8, 18],
			rows: map.divisive.map((s) => [s.text, percent(s.agree), byGroup(s)])
		});
	}
	return items;
}
