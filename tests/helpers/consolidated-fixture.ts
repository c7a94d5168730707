// A consolidated charter as the charter service returns it, for the writers, the page and the
// procès-verbal: a préambule, adopted articles with lists, co-authors (Hausa letters included),
// anonymous and withdrawn amendments, and user text that must be escaped.
import type {
	ConsolidatedAmendment,
	ConsolidatedCharter
} from '../../src/lib/domain/consolidated-charter';
import { blocksToLines } from '../../src/lib/server/documents/document-tree';
import { translate, type Locale } from '../../src/lib/server/i18n';
import { bullets, p } from './document-fixtures';

const AUTHORS = ['Aïcha Moussa', 'Ibrahim Sani', 'Ɗan Ƙasa Abdou', 'Hadiza Oumarou'];
const TITLES = [
	'Objet de la charte',
	'Droits des habitantes et habitants',
	'Devoirs envers les biens communs',
	'Suivi de la charte'
];

export function consolidatedFixture(
	articles = 4,
	language: 'fr' | 'en' = 'fr'
): ConsolidatedCharter {
	const amendments: ConsolidatedAmendment[] = [];
	const list = Array.from({ length: articles }, (_, i) => {
		const number = i + 1;
		const title = TITLES[i % TITLES.length] + (i >= TITLES.length ? ` (${number})` : '');
		const body = [
			p(
				`Chaque habitante et chaque habitant du quartier prend part à la vie de la commune : article ${number}, `,
				'il ou elle s’informe des décisions du conseil, donne son avis en assemblée et respecte la parole des autres.'
			),
			...(i % 2 === 0
				? [bullets([p('Être informé des décisions du conseil.')], [p('Prendre part aux votes.')])]
				: [])
		];
		const coAuthors = i % 3 === 2 ? [] : AUTHORS.slice(0, 1 + (i % 3));
		amendments.push(
			{
				amendmentId: `am-${number}-a`,
				articleNumber: number,
				articleTitle: title,
				kind: ['replace', 'add', 'delete', 'rewrite'][i % 4],
				author: i % 5 === 4 ? null : AUTHORS[i % AUTHORS.length],
				status: 'adopted',
				votes: { for: 30 + i, against: i % 4, abstain: i % 3 },
				decidedAt: '2027-03-12T10:00:00Z'
			},
			{
				amendmentId: `am-${number}-b`,
				articleNumber: number,
				articleTitle: title,
				kind: 'replace',
				author: AUTHORS[(i + 1) % AUTHORS.length],
				status: i % 2 ? 'withdrawn' : 'rejected',
				votes: i % 2 ? null : { for: 5, against: 20 + i, abstain: 1 },
				decidedAt: '2027-03-12T10:05:00Z'
			}
		);
		return {
			number,
			articleId: `article-${number}`,
			title,
			text: blocksToLines(body).join('\n'),
			blocks: body,
			adoptedAt: '2027-03-12T10:30:00Z',
			votes:
				i === 0
					? { for: 41, against: 3, abstain: 2 }
					: i === 1
						? { for: 1, against: 0, abstain: 1 }
						: { for: 40 - i, against: i % 4, abstain: 0 },
			coAuthors
		};
	});
	// An amendment to an article that was not adopted, with text that must be escaped.
	amendments.push({
		amendmentId: 'am-x',
		articleNumber: null,
		articleTitle: 'Sanctions <script>alert("x")</script> & amendes',
		kind: 'rewrite',
		author: 'Moussa <b>Issa</b>',
		status: 'rejected',
		votes: { for: 2, against: 39, abstain: 5 },
		decidedAt: '2027-03-12T11:00:00Z'
	});
	return {
		documentId: '00000000-0000-4000-8000-000000000013',
		workshopTitle: 'Bootcamp d’éducation civique de Maradi',
		title: 'Charte de la citoyenneté',
		publishedAt: '2027-03-12T12:00:00Z',
		language,
		preamble: {
			title: '',
			text: 'Nous, habitantes et habitants de Maradi…',
			blocks: [
				p(
					'Nous, habitantes et habitants de Maradi, réunis en bootcamp d’éducation civique, adoptons la présente charte.'
				)
			]
		},
		articles: list,
		amendments
	};
}

export const tFor =
	(locale: Locale) =>
	(key: string, params: Record<string, unknown> = {}) =>
		translate(key, locale, params);
