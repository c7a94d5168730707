// A carte des opinions as the procès-verbal receives it (ReportOpinionMap), made up: `groups`
// clouds of people around spread-out centres, each group with what characterises it, a few
// consensus and divisive statements. Same arguments, same map (seeded).
import type { ReportOpinionMap } from '../../src/lib/server/services/opinion-exports';
import { seededRandom } from './seeded-random';

const STATEMENTS = [
	'Un bon citoyen paie sa taxe de voirie.',
	'Les jeunes doivent siéger au conseil de quartier.',
	'Le marché doit fermer le vendredi après-midi.',
	'Les femmes doivent pouvoir parler en premier à l’assemblée.',
	'Chaque famille plante un arbre par an.',
	'Les forages sont entretenus par un comité élu.',
	'La mairie publie son budget au tableau du marché.',
	'Les motos ne roulent pas dans la cour de l’école.'
];

export function reportOpinionMap(groups: number, perGroup = 8, seed = 7): ReportOpinionMap {
	const random = seededRandom(seed);
	const ids = Array.from({ length: groups }, (_, i) => i);
	const centres = ids.map((i) => {
		const angle = (2 * Math.PI * i) / groups + 0.4;
		return { x: 0.7 * Math.cos(angle), y: 0.55 * Math.sin(angle) };
	});
	const points = ids.flatMap((g) =>
		Array.from({ length: perGroup + g }, () => ({
			x: Math.max(-1, Math.min(1, centres[g].x + (random.next() - 0.5) * 0.4)),
			y: Math.max(-1, Math.min(1, centres[g].y + (random.next() - 0.5) * 0.4)),
			group: g
		}))
	);
	const share = (i: number, g: number) => ((i * 37 + g * 23) % 50) / 100 + 0.45;
	const score = (i: number) => ({
		statementId: `s${i}`,
		text: STATEMENTS[i % STATEMENTS.length],
		agree: share(i, 0),
		disagree: 1 - share(i, 0),
		pass: 0,
		byGroup: ids.map((g) => ({
			group: g,
			agree: share(i, g),
			disagree: 1 - share(i, g),
			voters: perGroup
		}))
	});
	return {
		prompt: 'Qu’est-ce qu’un bon citoyen à Maradi ?',
		participants: points.length + 2,
		placed: points.length,
		statements: STATEMENTS.length,
		groups: ids.map((g) => ({
			id: g,
			size: perGroup + g,
			label: String.fromCharCode(65 + g),
			representative: [0, 1].map((k) => ({
				statementId: `s${g + k}`,
				text: STATEMENTS[(g + k) % STATEMENTS.length],
				agree: 0.8,
				disagree: 0.1,
				pass: 0.1,
				direction: k === 0 ? ('agree' as const) : ('disagree' as const)
			})),
			inclusion: { women: '<5', under35: perGroup + g >= 10 ? 5 : '<5', size: perGroup + g }
		})),
		consensus: [score(0), score(4)],
		divisive: [score(2), score(5)],
		points
	};
}

/** A map where people voted but nobody has enough votes to be placed. */
export function unplacedOpinionMap(): ReportOpinionMap {
	return { ...reportOpinionMap(2), placed: 0, groups: [], consensus: [], divisive: [], points: [] };
}
