// The French starting point of a *Charte de la citoyenneté*: a preamble and numbered articles as
// headings, each with a short prompt the room rewrites. Document content, not interface text:
// it is written in the workshop's language (French) whatever the facilitator's UI language.
import type { Block } from './document-tree';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text, marks: {} }] });
const h = (text: string): Block => ({ type: 'heading', level: 2, content: [{ text, marks: {} }] });
const bullets = (...items: string[]): Block => ({
	type: 'bulletList',
	start: 1,
	items: items.map((text) => [p(text)])
});

export function charterTemplate(): Block[] {
	return [
		h('Préambule'),
		p(
			'Nous, habitantes et habitants de la commune, réunis en atelier, adoptons la présente charte pour dire comment nous voulons vivre et décider ensemble.'
		),
		h('Article 1 — Objet de la charte'),
		p('La présente charte fixe les engagements communs des citoyens et de la commune.'),
		h('Article 2 — Droits et devoirs des citoyens'),
		bullets(
			'Être informé des décisions qui concernent son quartier.',
			'Prendre part aux concertations et aux budgets participatifs.',
			'Respecter les biens communs et la parole des autres.'
		),
		h('Article 3 — Participation à la vie communale'),
		p('La commune organise au moins une concertation publique par trimestre.'),
		h('Article 4 — Suivi et révision'),
		p('Un comité de suivi rend compte chaque année de l’application de la charte.')
	];
}
