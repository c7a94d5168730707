// Ready-made agendas, one per workshop kind, drawn from the programmes Palabre serves (Civic Tech
// 227, Local Open GovLab). They hold message keys, not text, so the facilitator gets them in the
// workshop's language; `materializeTemplate` turns one into a PUT-able agenda.
import {
	ROUND_INSTRUCTIONS_MAX,
	ROUND_TITLE_MAX,
	type AgendaItemInput,
	type LinkType,
	type RoundKind
} from './agenda';
import type { WorkshopKind } from './workshop';

export interface TemplateRound {
	titleKey: `agenda_tpl_${string}`;
	instructionsKey?: `agenda_tpl_${string}`;
	kind: RoundKind;
	durationSeconds: number;
	/** What the facilitator will probably want to link here; ids do not exist yet, so only a hint. */
	suggestedLink?: LinkType;
}

export interface AgendaTemplate {
	workshopKind: WorkshopKind;
	nameKey: `agenda_tpl_${string}`;
	rounds: readonly TemplateRound[];
}

const min = (minutes: number) => minutes * 60;

/** Builds keys by convention (`agenda_tpl_<kind>_<step>[_instructions]`) so none is mistyped. */
function round(
	workshop: string,
	step: string,
	kind: RoundKind,
	minutes: number,
	options: { instructions?: boolean; link?: LinkType } = {}
): TemplateRound {
	return {
		titleKey: `agenda_tpl_${workshop}_${step}`,
		...(options.instructions === false
			? {}
			: { instructionsKey: `agenda_tpl_${workshop}_${step}_instructions` as const }),
		kind,
		durationSeconds: min(minutes),
		...(options.link ? { suggestedLink: options.link } : {})
	};
}

/**
 * A full day (≈ 8 h with breaks, 8:30 → 16:30) bringing youth leaders and councillors together:
 * mixed groups, a shared diagnosis, priorities voted, joint commitments written and adopted.
 */
const collaborathon: AgendaTemplate = {
	workshopKind: 'collaborathon',
	nameKey: 'agenda_tpl_collaborathon_name',
	rounds: [
		round('collaborathon', 'welcome', 'presentation', 30),
		round('collaborathon', 'opening', 'presentation', 20, { instructions: false }),
		round('collaborathon', 'icebreaker', 'discussion', 25),
		round('collaborathon', 'objectives', 'presentation', 20),
		round('collaborathon', 'diagnosis', 'ideation', 45, { link: 'wall' }),
		round('collaborathon', 'coffee', 'break', 15, { instructions: false }),
		round('collaborathon', 'groups', 'discussion', 60),
		round('collaborathon', 'report_back', 'presentation', 30),
		round('collaborathon', 'lunch', 'break', 75, { instructions: false }),
		round('collaborathon', 'priorities', 'vote', 30, { link: 'poll' }),
		round('collaborathon', 'commitments', 'drafting', 60, { link: 'document' }),
		round('collaborathon', 'break', 'break', 15, { instructions: false }),
		round('collaborathon', 'adoption', 'vote', 30, { link: 'poll' }),
		round('collaborathon', 'closing', 'discussion', 20)
	]
};

/** The collective-intelligence workshop that ends the bootcamp: the charter, then model citizens. */
const bootcamp: AgendaTemplate = {
	workshopKind: 'bootcamp',
	nameKey: 'agenda_tpl_bootcamp_name',
	rounds: [
		round('bootcamp', 'welcome', 'presentation', 15),
		round('bootcamp', 'rights_duties', 'presentation', 30),
		round('bootcamp', 'ideas', 'ideation', 40, { link: 'wall' }),
		round('bootcamp', 'clustering', 'discussion', 30, { link: 'wall' }),
		round('bootcamp', 'break', 'break', 15, { instructions: false }),
		round('bootcamp', 'drafting', 'drafting', 60, { link: 'document' }),
		round('bootcamp', 'amendments', 'discussion', 45, { link: 'document' }),
		round('bootcamp', 'charter_vote', 'vote', 30, { link: 'poll' }),
		round('bootcamp', 'model_citizen', 'vote', 30, { link: 'poll' }),
		round('bootcamp', 'closing', 'presentation', 15, { instructions: false })
	]
};

/** Design thinking, half a day: empathie → idéation → prototype → restitution. */
const hackathon: AgendaTemplate = {
	workshopKind: 'hackathon',
	nameKey: 'agenda_tpl_hackathon_name',
	rounds: [
		round('hackathon', 'challenge', 'presentation', 15),
		round('hackathon', 'empathy', 'discussion', 45),
		round('hackathon', 'define', 'discussion', 20),
		round('hackathon', 'ideation', 'ideation', 45, { link: 'wall' }),
		round('hackathon', 'break', 'break', 15, { instructions: false }),
		round('hackathon', 'prototype', 'drafting', 90, { link: 'document' }),
		round('hackathon', 'showcase', 'presentation', 45),
		round('hackathon', 'vote', 'vote', 15, { link: 'poll' })
	]
};

/** A meeting of the standing consultation body in the town hall: ordre du jour → débats → décisions. */
const concertation: AgendaTemplate = {
	workshopKind: 'concertation',
	nameKey: 'agenda_tpl_concertation_name',
	rounds: [
		round('concertation', 'agenda', 'presentation', 15),
		round('concertation', 'debates', 'discussion', 60),
		round('concertation', 'break', 'break', 10, { instructions: false }),
		round('concertation', 'decisions', 'vote', 30, { link: 'poll' }),
		round('concertation', 'minutes', 'drafting', 15, { link: 'document' })
	]
};

/** Quarterly citizens' conference: choix du thème → exposé → questions → synthèse. */
const conference: AgendaTemplate = {
	workshopKind: 'conference',
	nameKey: 'agenda_tpl_conference_name',
	rounds: [
		round('conference', 'theme', 'vote', 15, { link: 'poll' }),
		round('conference', 'talk', 'presentation', 30),
		round('conference', 'questions', 'discussion', 45),
		round('conference', 'synthesis', 'drafting', 20, { link: 'document' })
	]
};

export const AGENDA_TEMPLATES: Readonly<Record<WorkshopKind, AgendaTemplate>> = {
	collaborathon,
	bootcamp,
	hackathon,
	concertation,
	conference
};

/** Every message key the templates use (for the catalog completeness test). */
export function templateMessageKeys(): string[] {
	return Object.values(AGENDA_TEMPLATES).flatMap((t) => [
		t.nameKey,
		...t.rounds.flatMap((r) => (r.instructionsKey ? [r.titleKey, r.instructionsKey] : [r.titleKey]))
	]);
}

/**
 * The template's rounds as agenda input, in the language of `translate` (e.g. `(k) => m[k]()`
 * with Paraglide). Instructions are cut to the schema's limit so a long translation cannot make
 * a template unsaveable.
 */
export function materializeTemplate(
	template: AgendaTemplate,
	translate: (key: string) => string
): AgendaItemInput[] {
	return template.rounds.map((r) => {
		const instructions = r.instructionsKey
			? translate(r.instructionsKey).slice(0, ROUND_INSTRUCTIONS_MAX)
			: '';
		return {
			title: translate(r.titleKey).slice(0, ROUND_TITLE_MAX),
			kind: r.kind,
			durationSeconds: r.durationSeconds,
			...(instructions ? { instructions } : {})
		};
	});
}
