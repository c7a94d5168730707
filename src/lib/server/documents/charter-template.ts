// The French starting point of a *Charte de la citoyenneté*: a préambule and four articles, each
// with a short prompt the room rewrites, as <charterArticle> nodes so the room can
// amend and adopt them one by one. Document content, not interface text: it is written in the
// workshop's language (French) whatever the facilitator's UI language.
import type * as Y from 'yjs';
import { articleHeading, numberArticles, type ArticleRole } from '../../domain/charter';
import { articleNodes } from '../charter/article-doc';
import type { Block } from './document-tree';

const p = (text: string): Block => ({ type: 'paragraph', content: [{ text, marks: {} }] });
const bullets = (...items: string[]): Block => ({
	type: 'bulletList',
	start: 1,
	items: items.map((text) => [p(text)])
});

interface TemplatePart {
	role: ArticleRole;
	title: string;
	body: Block[];
}

function parts(): TemplatePart[] {
	return [
		{
			role: 'preamble',
			title: 'Préambule',
			body: [
				p(
					'Nous, habitantes et habitants de la commune, réunis en atelier, adoptons la présente charte pour dire comment nous voulons vivre et décider ensemble.'
				)
			]
		},
		{
			role: 'article',
			title: 'Objet de la charte',
			body: [p('La présente charte fixe les engagements communs des citoyens et de la commune.')]
		},
		{
			role: 'article',
			title: 'Droits et devoirs des citoyens',
			body: [
				bullets(
					'Être informé des décisions qui concernent son quartier.',
					'Prendre part aux concertations et aux budgets participatifs.',
					'Respecter les biens communs et la parole des autres.'
				)
			]
		},
		{
			role: 'article',
			title: 'Participation à la vie communale',
			body: [p('La commune organise au moins une concertation publique par trimestre.')]
		},
		{
			role: 'article',
			title: 'Suivi et révision',
			body: [p('Un comité de suivi rend compte chaque année de l’application de la charte.')]
		}
	];
}

/** The template as new Y elements, to append to an empty document's fragment. */
export function charterTemplateNodes(): Y.XmlElement[] {
	return parts().map((part) => articleNodes(part));
}

/** The template as the export block tree reads it (headings "Article N — …"): for tests and previews. */
export function charterTemplate(): Block[] {
	const all = parts();
	const numbers = numberArticles(all.map((part) => part.role));
	return all.flatMap((part, i): Block[] => [
		{
			type: 'heading',
			level: 2,
			content: [{ text: articleHeading(numbers[i], part.title), marks: {} }]
		},
		...part.body
	]);
}
