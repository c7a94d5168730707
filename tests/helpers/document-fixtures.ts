// Documents that exercise every layout case of the exports: nested bullet and numbered lists,
// two-digit numbers, words longer than a line, formatted runs, hard breaks, quotes, code and
// rules, over many pages (so that headings and list items fall at page bottoms).
import type { Block, Inline } from '../../src/lib/server/documents/document-tree';

const text = (value: string, marks: Extract<Inline, { text: string }>['marks'] = {}): Inline => ({
	text: value,
	marks
});
export const p = (...content: Array<string | Inline>): Block => ({
	type: 'paragraph',
	content: content.map((c) => (typeof c === 'string' ? text(c) : c))
});
export const h = (level: number, value: string): Block => ({
	type: 'heading',
	level,
	content: [text(value)]
});
export const bullets = (...items: Block[][]): Block => ({ type: 'bulletList', start: 1, items });
export const numbered = (start: number, ...items: Block[][]): Block => ({
	type: 'orderedList',
	start,
	items
});

/** Longer than any line of an A4 page at 11 pt: it must be cut, never run past the margin. */
export const LONG_WORD = 'Anticonstitutionnellement'.repeat(6);
export const LONG_URL =
	'https://maradi.example.org/concertations/2026/charte-de-la-citoyennete/version-adoptee-par-le-conseil-communal-en-seance-publique';

/** Nested lists inside and around an article: bullets in numbers in bullets. */
function article(n: number): Block[] {
	return [
		h(2, `Article ${n} — Engagements des habitantes et habitants du quartier numéro ${n}`),
		p(
			'Chaque citoyenne et chaque citoyen ',
			text('s’engage', { bold: true }),
			' à prendre part aux concertations, ',
			text('à respecter la parole des autres', { italic: true }),
			' et à rendre compte de ses actions devant l’assemblée du quartier, une fois par trimestre au moins.'
		),
		bullets(
			[p('Être informé des décisions qui concernent son quartier.')],
			[
				p('Prendre part aux concertations :'),
				bullets(
					[p('en assemblée de quartier ;')],
					[
						p('au budget participatif, par les étapes suivantes :'),
						numbered(1, [p('proposer un projet ;')], [p('le défendre en public ;')], [p('voter.')])
					]
				)
			],
			[
				p(
					'Respecter les biens communs.',
					{ hardBreak: true },
					'Entretenir les forages et les écoles.'
				)
			],
			[
				p('Rendre compte de son mandat.'),
				p('Un second paragraphe du même point reste aligné sur son texte.')
			]
		),
		// A long paragraph of formatted runs: somewhere it flows over a page break mid-sentence.
		...(n % 5 === 0
			? [
					p(
						...Array.from({ length: 20 }, (_, i) => [
							`Phrase ${i + 1} de l’article ${n} : les habitantes et les habitants `,
							text('se réunissent en assemblée', { bold: true }),
							' et ',
							text('délibèrent publiquement', { italic: true }),
							' des affaires du quartier. '
						]).flat()
					)
				]
			: []),
		numbered(
			1,
			...Array.from({ length: n % 4 === 0 ? 12 : 3 }, (_, i) => [
				p(`Point ${i + 1} de l’article ${n}, à examiner en séance publique.`)
			])
		)
	];
}

export function longCharter(): Block[] {
	return [
		h(1, 'Charte de la citoyenneté de Maradi'),
		p(
			'Préambule. Mot très long : ',
			text(LONG_WORD, { bold: true }),
			'. Adresse : ',
			text(LONG_URL, { link: LONG_URL }),
			'.'
		),
		p(LONG_WORD),
		{
			type: 'blockquote',
			children: [p('« Le palabre est l’arbre sous lequel on décide ensemble. »')]
		},
		{ type: 'codeBlock', text: `ligne de code ${LONG_WORD}` },
		{ type: 'horizontalRule' },
		...Array.from({ length: 24 }, (_, i) => article(i + 1)).flat(),
		h(2, 'Signatures'),
		p('Fait à Maradi, le 1er décembre 2026.')
	];
}
